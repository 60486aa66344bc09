import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IMPORT_LISTINGS_ERRORS, ImportListingsError } from './import-listings.error';

/** Maps {@link ImportListingsError} codes to HTTP responses in the shared coded shape `{ code, message, details: [{ field, reason }], context? }`. */
@Catch(ImportListingsError)
export class ImportListingsErrorFilter implements ExceptionFilter<ImportListingsError> {
  catch(error: ImportListingsError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(IMPORT_LISTINGS_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
