/**
 * One error handler for the whole server. A rejection (RejectedError) answers 422 with its reasons, or
 * 404 when what it names does not exist; a malformed request (bad JSON, a broken multipart body, a body
 * over the limit, a forged form) answers 4xx with a Vietnamese reason; anything else is logged (pino,
 * link tokens and credentials redacted) and answers 500 with a generic body and an error id to quote.
 * Pages get an HTML page, `/api/…` gets JSON.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { formatViNumber } from '../edge/viNumber.js';
import { MAX_ATTACHMENTS, MAX_JSON_BODY_BYTES } from '../edge/limits.js';
import { RejectedError } from '../service/operations.js';
import { sendHtml } from './context.js';
import { messagePage } from './pages/layout.js';

/** A link token in a path (`/nop/<token>`, `/api/links/<token>`), replaced before anything is logged. */
export const redactUrl = (url: string) => url.replace(/\/(nop|links)\/[^/?#]+/g, '/$1/[token]').replace(/([?&](?:token|_csrf)=)[^&#]*/g, '$1[redacted]');

/** Fastify's pino logger, JSON lines to `stream` (default stderr): credentials redacted, URLs without link tokens. */
export function webLoggerOptions(stream: { write(line: string): void } = process.stderr): FastifyServerOptions['logger'] {
  return {
    level: process.env.DONDOC_LOG_LEVEL ?? 'warn',
    base: { service: 'dondoc-web' },
    stream,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
    serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }) },
  };
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_CSRF_INVALID_TOKEN: [403, 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang (hoặc mở lại đường liên kết trong thư) và thử lại.'],
  FST_CSRF_MISSING_SECRET: [403, 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang (hoặc mở lại đường liên kết trong thư) và thử lại.'],
  FST_FILES_LIMIT: [413, `Mỗi lần nộp đính kèm tối đa ${MAX_ATTACHMENTS} tệp. Vui lòng quay lại và chọn ít tệp hơn.`],
  FST_PARTS_LIMIT: [413, 'Biểu mẫu có quá nhiều phần. Vui lòng quay lại và thử lại.'],
  FST_FIELDS_LIMIT: [413, 'Biểu mẫu có quá nhiều trường. Vui lòng quay lại và thử lại.'],
  FST_REQ_FILE_TOO_LARGE: [413, 'Tệp đính kèm quá lớn.'],
  FST_PROTO_VIOLATION: [400, 'Tên trường không hợp lệ.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'Biểu mẫu phải gửi dạng multipart/form-data.'],
  FST_INVALID_JSON_FIELD_ERROR: [400, 'Một trường của biểu mẫu không phải JSON hợp lệ.'],
  FST_MP_PREMATURE_CLOSE: [400, 'Yêu cầu bị ngắt trước khi gửi xong. Vui lòng thử lại.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, `Dữ liệu gửi lên quá lớn (tối đa ${formatViNumber(MAX_JSON_BODY_BYTES)} byte, chưa kể tệp đính kèm).`],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Kiểu dữ liệu gửi lên không được nhận (dùng application/json hoặc biểu mẫu).'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Yêu cầu không có nội dung JSON.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Nội dung không phải JSON hợp lệ.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Độ dài nội dung không khớp.'],
  FST_ERR_VALIDATION: [400, 'Yêu cầu không hợp lệ.'],
  FST_ERR_BAD_URL: [400, 'Địa chỉ không hợp lệ.'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'Địa chỉ không hợp lệ.'],
};

/** Set while Fastify reads the body: an error then (busboy's "Unexpected end of form", ...) is the request's fault. */
const READING_BODY = Symbol('dondoc.readingBody');
type Marked = FastifyRequest & { [READING_BODY]?: boolean };

export function registerErrorHandling(app: FastifyInstance, log: FastifyBaseLogger): void {
  app.addHook('onRequest', async (req) => void ((req as Marked)[READING_BODY] = true));
  // Registered after the parsers' own preValidation hooks (multipart's attachFieldsToBody), so it runs once the body is read.
  app.addHook('preHandler', async (req) => void ((req as Marked)[READING_BODY] = false));

  const answer = (req: FastifyRequest, reply: FastifyReply, code: number, title: string, message: string, extra: Record<string, unknown> = {}) =>
    req.url.startsWith('/api/')
      ? reply
          .code(code)
          .type('application/json; charset=utf-8')
          .send({ error: message, ...extra })
      : sendHtml(reply, messagePage(title, message), code);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof RejectedError) {
      const code = err.notFound ? 404 : 422;
      if (req.url.startsWith('/api/')) return reply.code(code).send({ error: err.message, reasons: err.reasons });
      return sendHtml(reply, messagePage(code === 404 ? 'Không tìm thấy' : 'Yêu cầu bị từ chối', err.message), code);
    }
    const known = err.code ? CLIENT_ERRORS[err.code] : undefined;
    // A body refused unread: close the connection after answering, so the sender stops uploading and reads
    // the answer, instead of both sides waiting on a body nobody reads (RFC 9110 §15.5.14).
    if (known && known[0] === 413) reply.header('connection', 'close');
    if (known) return answer(req, reply, known[0], 'Yêu cầu bị từ chối', known[1]);
    if (err.statusCode === 429)
      return answer(req, reply, 429, 'Thử lại sau', err.message && /[^\x20-\x7e]/.test(err.message) ? err.message : 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.');
    if ((err.statusCode && err.statusCode >= 400 && err.statusCode < 500) || (req as Marked)[READING_BODY])
      return answer(
        req,
        reply,
        err.statusCode && err.statusCode < 500 ? err.statusCode : 400,
        'Yêu cầu bị từ chối',
        'Yêu cầu không hợp lệ hoặc dữ liệu gửi lên bị hỏng. Vui lòng thử lại.',
      );
    const errorId = randomBytes(6).toString('hex');
    log.error(
      {
        errorId,
        err: { type: err.name, code: err.code, message: redactUrl(err.message ?? ''), stack: redactUrl(err.stack ?? '') },
        req: { method: req.method, url: redactUrl(req.url) },
      },
      'request failed',
    );
    return answer(req, reply, 500, 'Có lỗi xảy ra', `Lỗi máy chủ. Vui lòng thử lại sau; nếu lỗi lặp lại, báo cơ quan thường trực mã lỗi ${errorId}.`, { errorId });
  });

  app.setNotFoundHandler((req, reply) => answer(req, reply, 404, 'Không tìm thấy', 'Không có trang này.'));
}
