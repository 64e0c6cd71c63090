/**
 * Content-addressed files under the storage directory (default `.data/`): a file's name is the sha256
 * of its bytes, so writing twice is harmless and a reference never points at changed content.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFile {
  sha256: string;
  path: string;
  size: number;
  /** False when the store already held these bytes. */
  created: boolean;
}

export class ContentStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string, ext = ''): string {
    return join(this.root, 'files', sha256.slice(0, 2), `${sha256}${ext}`);
  }

  async put(bytes: Uint8Array | string, ext = ''): Promise<StoredFile> {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const path = this.pathOf(sha256, ext);
    const created = !(await exists(path));
    if (created) {
      await mkdir(join(path, '..'), { recursive: true });
      // Write then rename: a crash never leaves a truncated file under its final name.
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, buf);
      await rename(tmp, path);
    }
    return { sha256, path, size: buf.length, created };
  }

  /** Removes a file this caller created and nothing references (an upload whose submission was refused). */
  async remove(sha256: string, ext = ''): Promise<void> {
    await rm(this.pathOf(sha256, ext), { force: true });
  }

  async get(sha256: string, ext = ''): Promise<Buffer> {
    return readFile(this.pathOf(sha256, ext));
  }

  async has(sha256: string, ext = ''): Promise<boolean> {
    return exists(this.pathOf(sha256, ext));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
