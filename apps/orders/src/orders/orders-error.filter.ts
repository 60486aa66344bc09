import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ORDERS_ERRORS, OrdersError } from './orders.error';

/** Maps {@link OrdersError} codes to HTTP responses in the shared coded shape `{ code, message, details: [{ field, reason }], context? }`. */
@Catch(OrdersError)
export class OrdersErrorFilter implements ExceptionFilter<OrdersError> {
  catch(error: OrdersError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(ORDERS_ERRORS[error.code]).json(codedErrorBody(error.code, error.message, error.details));
  }
}
