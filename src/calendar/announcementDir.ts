/**
 * The run-time calendar directory: `<dir>/YYYY.json`, one announcement file per year (format and schema:
 * announcement.ts, schema/announcement.schema.json). Set by `DONDOC_CALENDAR_DIR`, default
 * `<DONDOC_DATA_DIR>/calendar`. A file is looked at again at most every `recheckMs` (default 60 s): a new or
 * changed file takes effect in a running worker from the next schedule it computes, without a restart.
 * An invalid file is reported (stderr, and by `dondoc calendar holidays`) and ignored: that year falls back
 * to the shipped file or to the statute until it is fixed.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnnouncement, type Announcement } from './announcement.js';
import { setAnnouncementProvider, type AnnouncementProvider } from './holidays.js';

interface Entry {
  checkedAt: number;
  mtimeMs: number | null;
  value: { announcement: Announcement; file: string } | null;
  error: string | null;
}

export interface DirectoryProvider extends AnnouncementProvider {
  dir: string;
  /** The validation error of a year's file, if it is invalid. */
  problem(year: number): string | null;
}

/** Reads and validates one announcement file; throws with the file, field and reason. */
export function readAnnouncementFile(file: string): Announcement {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: không đọc được tệp JSON: ${(err as Error).message}`);
  }
  const a = parseAnnouncement(raw, file);
  const expected = /(\d{4})\.json$/.exec(file)?.[1];
  if (expected && Number(expected) !== a.year) throw new Error(`${file}: year: tệp ${expected}.json ghi năm ${a.year}`);
  return a;
}

export function directoryProvider(dir: string, options: { recheckMs?: number; now?: () => number; onError?: (message: string) => void } = {}): DirectoryProvider {
  const recheckMs = options.recheckMs ?? 60_000;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((m: string) => process.stderr.write(`dondoc: ${m}\n`));
  const cache = new Map<number, Entry>();

  const refresh = (year: number, previous: Entry | undefined): Entry => {
    const file = join(dir, `${year}.json`);
    let mtimeMs: number | null;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      mtimeMs = null;
    }
    if (previous && previous.mtimeMs === mtimeMs) return { ...previous, checkedAt: now() };
    if (mtimeMs === null) return { checkedAt: now(), mtimeMs, value: null, error: null };
    try {
      return { checkedAt: now(), mtimeMs, value: { announcement: readAnnouncementFile(file), file }, error: null };
    } catch (err) {
      const error = (err as Error).message;
      onError(`${error}\n  (bỏ qua tệp này; năm ${year} dùng lịch có sẵn hoặc tính theo Bộ luật Lao động)`);
      return { checkedAt: now(), mtimeMs, value: null, error };
    }
  };

  const provider = ((year: number) => {
    let entry = cache.get(year);
    if (!entry || now() - entry.checkedAt >= recheckMs) {
      entry = refresh(year, entry);
      cache.set(year, entry);
    }
    return entry.value;
  }) as DirectoryProvider;
  provider.dir = dir;
  provider.problem = (year) => {
    provider(year);
    return cache.get(year)?.error ?? null;
  };
  return provider;
}

/** The calendar directory from the environment: DONDOC_CALENDAR_DIR, else `<DONDOC_DATA_DIR or .data>/calendar`. */
export function calendarDirectory(env: NodeJS.ProcessEnv = process.env, dataDir?: string): string {
  return env.DONDOC_CALENDAR_DIR || join(dataDir ?? env.DONDOC_DATA_DIR ?? '.data', 'calendar');
}

let installed: DirectoryProvider | null = null;

/** Installs the directory as the run-time announcement source of this process; returns it. */
export function useCalendarDirectory(dir: string): DirectoryProvider {
  if (installed?.dir === dir) return installed;
  installed = directoryProvider(dir);
  setAnnouncementProvider(installed);
  return installed;
}
