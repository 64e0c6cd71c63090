/**
 * The directory as the running parts read it: a snapshot loaded from the database, reused for `maxAgeMs`
 * (default 30 000 ms) so an activity or a page does not cost five queries, and dropped at once when this
 * process saves a change (`invalidate`). Another process (a second web replica, a worker) sees a change
 * within `maxAgeMs`.
 */
import { emptyDirectory, type DirectorySnapshot } from './model.js';

export class DirectorySource {
  private snapshot: DirectorySnapshot = emptyDirectory;
  private loadedAt = -Infinity;
  private loading: Promise<DirectorySnapshot> | null = null;

  constructor(
    private readonly load: () => Promise<DirectorySnapshot>,
    private readonly maxAgeMs = 30_000,
  ) {}

  /** A snapshot no older than `maxAgeMs`; on a read error, the last one (the directory is never emptied by a fault). */
  async get(): Promise<DirectorySnapshot> {
    if (Date.now() - this.loadedAt < this.maxAgeMs) return this.snapshot;
    this.loading ??= this.load()
      .then((s) => {
        this.snapshot = s;
        this.loadedAt = Date.now();
        return s;
      })
      .catch((err: Error) => {
        if (this.loadedAt === -Infinity) throw err;
        return this.snapshot;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /** The last snapshot loaded (synchronous views), refreshed in the background when stale. */
  current(): DirectorySnapshot {
    if (Date.now() - this.loadedAt >= this.maxAgeMs) void this.get().catch(() => {});
    return this.snapshot;
  }

  invalidate(): void {
    this.loadedAt = -Infinity;
  }
}
