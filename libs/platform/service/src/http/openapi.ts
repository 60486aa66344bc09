import { routeAccess } from '@amazon-channel/platform-auth';
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceDefinition } from '../service-definition';

/** Where every service serves its OpenAPI UI and, at `<path>-json`, the JSON document. */
export const OPENAPI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

type Access = ReturnType<typeof routeAccess>;

/** The coded error body of every service (see `ErrorBody` in platform-observability). */
const ERROR_SCHEMAS = {
  FieldIssue: {
    type: 'object',
    required: ['field', 'reason'],
    properties: {
      field: { type: 'string', description: 'Where: `body.name`, `query.cursor`, `params.connectionId`', example: 'params.connectionId' },
      reason: { type: 'string', example: 'must be a UUID' },
    },
  },
  ErrorBody: {
    type: 'object',
    required: ['code', 'message', 'details'],
    properties: {
      code: { type: 'string', description: 'Stable error code', example: 'INVALID_ID' },
      message: { type: 'string', example: 'connectionId must be a UUID' },
      details: { type: 'array', items: { $ref: '#/components/schemas/FieldIssue' } },
      context: { type: 'object', additionalProperties: true, description: 'Ids and states that help act on the error (an open job id, ...)' },
      requestId: { type: 'string', description: 'On 500: the request id its log lines carry' },
    },
  },
} as const;

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Bad input: MALFORMED_JSON, INVALID_INPUT (NUL byte), INVALID_ID (not a UUID) or a field rule (INVALID_REQUEST, ...)',
  '401': 'No valid platform token (AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID) or internal token (INTERNAL_TOKEN_INVALID)',
  '404': "Unknown route, or nothing of the caller's tenant by that id",
  '500': 'INTERNAL: an unexpected failure; quote the requestId',
};

/**
 * Builds the service's OpenAPI document and serves it: UI at `/docs`, JSON at `/docs-json`.
 * Every operation lists the coded error responses (400, 401 where a caller can be refused, 404,
 * 500) with the shared `ErrorBody` schema, and the security scheme it needs.
 */
export function setupOpenApi(app: INestApplication, service: ServiceDefinition): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(service.title)
      .setDescription(service.description)
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-internal-token' }, 'internal')
      .build(),
  );
  addErrorResponses(document, operationAccess(app));
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
  return document;
}

/**
 * Adds the `ErrorBody` schema and the error responses to every operation of `document`; `access`
 * maps operation ids (`Controller_method`) to who may call them (unknown ones count as `tenant`).
 */
export function addErrorResponses(document: OpenAPIObject, access: ReadonlyMap<string, Access>): void {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...(ERROR_SCHEMAS as unknown as Record<string, object>) };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const who = access.get(operation.operationId ?? '') ?? 'tenant';
      for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
        if (status === '401' && who === 'public') continue;
        operation.responses[status] ??= { description };
      }
      // Every error answer has the coded shape, including those a controller documents with a description only.
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response && Number(status) >= 400 && !('$ref' in response) && !response.content) {
          response.content = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };
        }
      }
      if (who !== 'public') operation.security ??= [who === 'internal' ? { internal: [] } : { bearer: [] }];
    }
  }
}

/** Who may call each controller method, by the operation id Swagger gives it (`Controller_method`). */
function operationAccess(app: INestApplication): Map<string, Access> {
  const reflector = new Reflector();
  const access = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        access.set(`${controller.name}_${name}`, routeAccess(reflector, handler, controller));
      }
    }
  }
  return access;
}
