import { z } from 'zod';
import { ApiZodBody } from './api-zod-body';

// @nestjs/swagger's metadata key for operation parameters (DECORATORS.API_PARAMETERS, not exported at its root).
const API_PARAMETERS = 'swagger/apiParameters';

describe('ApiZodBody', () => {
  it('documents the body with the JSON Schema of the zod schema that validates it', () => {
    const body = z.strictObject({ name: z.string().min(1).max(200), quantity: z.number().int().min(0).default(0), mode: z.enum(['A', 'B']) });
    class Controller {
      put(): string {
        return 'stored';
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(Controller.prototype, 'put') as PropertyDescriptor;
    ApiZodBody(body, 'what the platform wants')(Controller.prototype, 'put', descriptor);

    const [parameter] = Reflect.getMetadata(API_PARAMETERS, descriptor.value) as Array<{ in: string; schema: Record<string, unknown>; description: string }>;
    expect(parameter).toMatchObject({ in: 'body', description: 'what the platform wants' });
    expect(parameter.schema).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        quantity: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
        mode: { type: 'string', enum: ['A', 'B'] },
      },
      // A default makes the field optional for the caller.
      required: ['name', 'mode'],
      additionalProperties: false,
    });
  });
});
