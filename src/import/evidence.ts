/**
 * What the importer found, where, and what it could not find. Every extracted value is recorded with the
 * span of source text it came from, so the officer reviewing a draft can check it against the document.
 */

export interface Evidence {
  /** The field of the draft plan, as a dotted path: "tasks[3].lead", "document.number". */
  path: string;
  /** The source text the value was read from, verbatim (NFC, line breaks joined). */
  quote: string;
  /** 1-based line of the source text where the quote starts; null when the value was assumed. */
  line: number | null;
}

export interface ImportWarning {
  /** Stable code for machines: "no-number", "deadline-assumed", … */
  code: string;
  message: string;
  path?: string;
}

/** Collects evidence and warnings while the extractors run; one per import. */
export class Findings {
  readonly evidence: Evidence[] = [];
  readonly warnings: ImportWarning[] = [];

  cite(path: string, quote: string, line: number | null): void {
    this.evidence.push({ path, quote: quote.length > 600 ? `${quote.slice(0, 597)}…` : quote, line });
  }

  warn(code: string, message: string, path?: string): void {
    this.warnings.push({ code, message, ...(path ? { path } : {}) });
  }
}
