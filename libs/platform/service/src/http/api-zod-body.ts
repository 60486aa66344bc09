import { ApiBody } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * Documents a route's body in OpenAPI from the zod schema that validates it, so the document and
 * the validation cannot drift apart (routes take `@Body() body: unknown` and parse it with zod).
 *
 * @example
 * @Put('order-settings')
 * @ApiZodBody(orderSettingsBody)
 * putSettings(@Body() body: unknown) { return parseInput(orderSettingsBody, body); }
 */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  // `input`: what a caller sends (defaults optional); refinements the JSON Schema cannot say stay in zod.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as SchemaObject & { $schema?: string };
  delete json.$schema;
  return ApiBody({ schema: json, description });
}
