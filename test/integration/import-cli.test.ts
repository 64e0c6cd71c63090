import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/runtime/tools.js';

// The real command, as an officer runs it (each start of the CLI takes seconds: not in the domain tier).
describe('dondoc plan import on the command line', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) => run(process.execPath, [join(projectRoot, 'bin', 'dondoc.mjs'), ...args], { cwd: projectRoot });

  it('a DOCX gives a draft and the summary line; a scan exits 1 with its reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-import-'));
    const out = join(dir, 'draft.yaml');
    const ok = await cli('plan', 'import', join(projectRoot, 'test', 'fixtures', 'import', 'office', 'f1e0981425ec38be.docx'), '-o', out);
    expect(ok.stderr).toMatch(/bản nháp son-la-2954-qd-ubnd-2025 \(docx\): 15 cơ quan, \d+ nhiệm vụ, .*2 nghĩa vụ báo cáo \(6 hạn nêu trong văn bản, 0 hạn giả định\)/u);
    expect((await cli('plan', 'validate', out)).stdout).toContain('hợp lệ / valid');
    const scan = await cli('plan', 'import', join(projectRoot, 'test', 'fixtures', 'import', 'office', 'scan-no-text.pdf')).catch((e: { code: number; stderr: string }) => e);
    expect(scan).toMatchObject({ code: 1 });
    expect((scan as { stderr: string }).stderr).toMatch(/không có lớp chữ/u);
  });
});
