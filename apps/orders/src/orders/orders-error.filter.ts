import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { SHIPPING_MAPPINGS_ERRORS, ShippingMappingsError } from '../shipping-mappings/shipping-mappings.error';
import { ORDERS_ERRORS, OrdersError } from '../errors/orders.error';

/**
 * Maps {@link OrdersError} and {@link ShippingMappingsError} codes to HTTP responses in the shared coded shape
 * `{ code, message, details: [{ field, reason }], context? }`.
 */
@Catch(OrdersError, ShippingMappingsError)
export class OrdersErrorFilter implements ExceptionFilter<OrdersError | ShippingMappingsError> {
  catch(error: OrdersError | ShippingMappingsError, host: ArgumentsHost): void {
    const status = error instanceof OrdersError ? ORDERS_ERRORS[error.code] : SHIPPING_MAPPINGS_ERRORS[error.code];
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
