/**
 * A message's delivery state in Vietnamese (the delivery log's `state`). The log grows new states
 * (delivered, bounced, opened, …): a state this table does not know is still shown, as itself.
 */
export type Tone = 'ok' | 'pending' | 'bad' | 'unknown';

const STATES: Record<string, { label: string; tone: Tone }> = {
  sending: { label: 'Đang gửi (chưa có kết quả)', tone: 'pending' },
  failed: { label: 'Gửi không được', tone: 'bad' },
  accepted: { label: 'Máy chủ thư đã nhận', tone: 'ok' },
  delivered: { label: 'Đã đến hộp thư', tone: 'ok' },
  opened: { label: 'Đã mở', tone: 'ok' },
  bounced: { label: 'Bị trả lại', tone: 'bad' },
};

export function deliveryState(state: string | null | undefined): { label: string; tone: Tone } {
  if (!state) return { label: 'Không rõ (thư ghi trước khi có nhật ký chuyển thư)', tone: 'unknown' };
  return Object.hasOwn(STATES, state) ? STATES[state]! : { label: `Trạng thái khác: ${state}`, tone: 'unknown' };
}
