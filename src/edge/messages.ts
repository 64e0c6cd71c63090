/**
 * Zod's verdicts in Vietnamese, each as "field: reason", the form every edge (API, CLI, portal, staff
 * forms, workflow validators) reports. Pure.
 */
import type { z } from 'zod';
import { formatViNumber } from './viNumber.js';

/** `tasks[3].result` from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

const TYPE_VI: Record<string, string> = {
  string: 'văn bản',
  number: 'một số (ví dụ 63,5)',
  boolean: 'true hoặc false',
  array: 'một danh sách',
  object: 'một đối tượng',
};

/** One issue's reason, in Vietnamese, capitalised (it stands alone next to a form field). */
export function viIssueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'too_big':
      if (issue.origin === 'array') return `Nhiều quá ${formatViNumber(Number(issue.maximum))} mục`;
      if (issue.origin === 'string') return `Dài quá ${formatViNumber(Number(issue.maximum))} ký tự`;
      return `Không được lớn hơn ${formatViNumber(Number(issue.maximum))}`;
    case 'too_small':
      if (issue.origin === 'array') return `Cần ít nhất ${formatViNumber(Number(issue.minimum))} mục`;
      if (issue.origin === 'string') return 'Không được để trống';
      return `Không được nhỏ hơn ${formatViNumber(Number(issue.minimum))}`;
    case 'invalid_type':
      // Our schemas' own messages are Vietnamese already; zod's default ones say what was received.
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      if (/received undefined$/.test(issue.message)) return 'Bắt buộc phải có';
      return issue.expected === 'number' ? 'Phải là một số (ví dụ 63,5)' : `Phải là ${TYPE_VI[issue.expected] ?? 'giá trị hợp lệ'}`;
    case 'invalid_value':
      if (!issue.message.startsWith('Invalid')) return issue.message;
      return `Hãy chọn một giá trị trong danh sách (${issue.values.map(String).join(', ')})`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Địa chỉ thư điện tử không hợp lệ' : issue.format === 'regex' ? 'Sai định dạng' : `Sai định dạng (${issue.format})`;
    case 'unrecognized_keys':
      return `Trường không được nhận: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `Phải là bội số của ${String(issue.divisor)}`;
    default:
      return 'Giá trị không hợp lệ';
  }
}

/** Every issue as "path: reason" (just the reason when the whole input is at fault). */
export function viReasons(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = formatPath(i.path);
    return path ? `${path}: ${viIssueMessage(i)}` : viIssueMessage(i);
  });
}
