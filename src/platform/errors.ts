/** Field-level problem: which input field and why (a stable, translatable code plus English text). */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

/**
 * The one application error. `code` is a stable string the UI translates (e.g. `company.inn_invalid`);
 * `details` carries field issues or extra data for the client.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503,
    message?: string,
    readonly details?: { fields?: FieldIssue[]; [k: string]: unknown },
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }

  static validation(fields: FieldIssue[]): AppError {
    return new AppError('validation_failed', 422, fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }

  static notFound(entity: string): AppError {
    return new AppError(`${entity}.not_found`, 404, `${entity} not found`);
  }

  static forbidden(message = 'You do not have permission for this action'): AppError {
    return new AppError('access.forbidden', 403, message);
  }
}
