import { describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '../../src/reporting/types.js';
import { diffSubmissions, diffText } from '../../src/web/submissionDiff.js';

/** Two revisions of Tỉnh Đoàn's 6-month report (seed 004, tasks of section III), written by hand. */
const first: SubmissionPayload = {
  period: '2026-H1',
  tasks: [
    { taskId: 'III.1', status: 'dang-thuc-hien', progress: 40, result: 'Tổ chức 3 hội nghị tuyên truyền cho đoàn viên' },
    { taskId: 'III.2', status: 'chua-trien-khai', result: '' },
  ],
  targets: [{ targetId: 'ty-le-lao-dong-qua-dao-tao-2025', value: 63.5 }],
  narrative: 'Đã triển khai Chỉ thị 37-CT/TW tới các cơ sở Đoàn.',
  difficulties: 'Kinh phí còn hạn chế.',
  recommendations: 'Đề nghị bổ sung kinh phí.',
  attachments: [{ name: 'bao-cao.docx', sha256: 'a'.repeat(64), size: 1000, contentType: 'application/octet-stream' }],
};
const second: SubmissionPayload = {
  ...first,
  tasks: [
    { taskId: 'III.1', status: 'hoan-thanh', progress: 100, result: 'Tổ chức 5 hội nghị tuyên truyền cho đoàn viên' },
    { taskId: 'III.2', status: 'chua-trien-khai', result: '' },
    { taskId: 'III.3', status: 'thuong-xuyen', result: 'Phối hợp tư vấn nghề' },
  ],
  targets: [{ targetId: 'ty-le-lao-dong-qua-dao-tao-2025', value: 64, note: 'số liệu sơ bộ' }],
  difficulties: 'Kinh phí còn hạn chế; thiếu cán bộ chuyên trách.',
  attachments: [{ name: 'bao-cao-sua.docx', sha256: 'b'.repeat(64), size: 1200, contentType: 'application/octet-stream' }],
};

describe('the difference between two revisions of a report', () => {
  it('names each task whose status, progress or result changed, and the task added; an unchanged task is left out', () => {
    const d = diffSubmissions(first, second);
    expect(d.tasks.map((t) => [t.taskId, t.kind])).toEqual([
      ['III.1', 'changed'],
      ['III.3', 'added'],
    ]);
    expect(d.tasks[0]).toMatchObject({ status: { before: 'dang-thuc-hien', after: 'hoan-thanh' }, progress: { before: 40, after: 100 } });
    expect(d.tasks[0]!.result).toEqual([
      { op: 'same', text: 'Tổ chức ' },
      { op: 'del', text: '3' },
      { op: 'ins', text: '5' },
      { op: 'same', text: ' hội nghị tuyên truyền cho đoàn viên' },
    ]);
  });

  it('a target value 63,5 → 64 with a note added; the difficulties text gains a clause; attachments replaced', () => {
    const d = diffSubmissions(first, second);
    expect(d.targets).toEqual([
      { targetId: 'ty-le-lao-dong-qua-dao-tao-2025', kind: 'changed', value: { before: 63.5, after: 64 }, note: { before: undefined, after: 'số liệu sơ bộ' } },
    ]);
    expect(d.texts).toEqual([
      {
        field: 'difficulties',
        segments: [
          // "chế." and "chế;" are different words: "hạn " is kept.
          { op: 'same', text: 'Kinh phí còn hạn ' },
          { op: 'del', text: 'chế.' },
          { op: 'ins', text: 'chế; thiếu cán bộ chuyên trách.' },
        ],
      },
    ]);
    expect(d.attachments).toEqual({ added: ['bao-cao-sua.docx'], removed: ['bao-cao.docx'] });
    expect(d.same).toBe(false);
  });

  it('the same report sent again is "no change"', () => {
    expect(diffSubmissions(first, structuredClone(first))).toMatchObject({ tasks: [], targets: [], texts: [], same: true });
  });

  it('words are compared after NFC: a decomposed "Hoàn thành" equals the composed one', () => {
    expect(diffText('Hoa\u0300n thành', 'Hoàn thành')).toEqual([{ op: 'same', text: 'Hoàn thành' }]);
  });

  it('a word inserted in the middle is the only insertion', () => {
    expect(diffText('đào tạo nghề cho lao động', 'đào tạo nghề cho lao động nông thôn')).toEqual([
      { op: 'same', text: 'đào tạo nghề cho lao động' },
      { op: 'ins', text: ' nông thôn' },
    ]);
  });
});

describe('two unrelated sentences', () => {
  it('read as one deleted and one inserted phrase, not as interleaved words', () => {
    expect(diffText('Kinh phí còn hạn chế.', 'Thiếu phóng viên chuyên trách.')).toEqual([
      { op: 'del', text: 'Kinh phí còn hạn chế.' },
      { op: 'ins', text: 'Thiếu phóng viên chuyên trách.' },
    ]);
  });
});
