/**
 * Messages after an action, by code: the redirect carries `?ok=<code>`, the page shows the text it
 * stands for. No text ever comes from the query string, so a crafted link cannot put words on a page.
 */
export const FLASH = {
  'extension-approved': 'Đã chấp thuận gia hạn',
  'extension-refused': 'Đã từ chối gia hạn',
  exempted: 'Đã miễn báo cáo kỳ này',
  approved: 'Đã duyệt và gửi báo cáo tổng hợp',
  'adhoc-requested': 'Đã gửi yêu cầu báo cáo đột xuất',
  'link-resent': 'Đã gửi lại đường liên kết cho đơn vị',
  'docx-uploaded': 'Đã tải lên bản Word đã chỉnh sửa',
  'account-saved': 'Đã lưu tài khoản',
  'account-disabled': 'Đã khóa tài khoản',
  'plan-started': 'Đã đăng ký và khởi chạy kế hoạch',
  'plan-amended': 'Đã áp dụng sửa đổi: có hiệu lực từ kỳ báo cáo tiếp theo',
  'plan-unchanged': 'Kế hoạch đang chạy đúng phiên bản này: không có gì thay đổi',
} as const;
export type FlashCode = keyof typeof FLASH;

/** The text of a code, or null for anything else (unknown codes are ignored, not echoed). */
export function flashText(code: unknown): string | null {
  return typeof code === 'string' && Object.hasOwn(FLASH, code) ? FLASH[code as FlashCode] : null;
}
