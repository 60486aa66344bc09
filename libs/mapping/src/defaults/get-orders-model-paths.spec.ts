import fs from 'node:fs';
import path from 'node:path';
import type { FieldMapping } from '../template/template.types';
import { GET_ORDERS_FIELDS } from '../targets/get-orders-fields';
import { DEFAULT_GET_ORDERS_TEMPLATE } from './order-defaults';

/**
 * Contract check: every path the default get-orders template reads exists in Amazon's Orders API
 * 2026-01-01 model (read at run time from ../shared; never copied into the project).
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const modelFile = path.resolve(repoRoot, '../shared/sp-api-models/models/orders-api-model/orders_2026-01-01.json');
const present = fs.existsSync(modelFile);
const d = present ? describe : describe.skip;

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}

function resolve(model: { definitions: Record<string, Schema> }, s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 20; i++) cur = model.definitions[cur.$ref.replace('#/definitions/', '')];
  return cur;
}

function pathExists(model: { definitions: Record<string, Schema> }, root: string, source: string): boolean {
  let s = resolve(model, model.definitions[root]);
  for (const seg of source.split('.')) {
    s = resolve(model, s?.properties?.[seg]);
    if (!s) return false;
  }
  return true;
}

function paths(m: FieldMapping): string[] {
  if (m.kind === 'field' || m.kind === 'mapping-set') return [m.path];
  return [];
}

d(`default get-orders template against the Orders API 2026-01-01 model${present ? '' : ' (skipped: ../shared/sp-api-models is absent)'}`, () => {
  const model = present ? (JSON.parse(fs.readFileSync(modelFile, 'utf8')) as { definitions: Record<string, Schema> }) : { definitions: {} };
  const lineKeys = new Set<string>(GET_ORDERS_FIELDS.filter((f) => f.scope === 'line').map((f) => f.key));
  const rows = Object.entries(DEFAULT_GET_ORDERS_TEMPLATE.fields).flatMap(([key, m]) => (m ? paths(m).map((p) => [key, p] as const) : []));

  it.each(rows)('%s reads %s, which the model defines', (key, source) => {
    expect(pathExists(model, lineKeys.has(key) ? 'OrderItem' : 'Order', source)).toBe(true);
  });

  it('reads line items from a list the model defines', () => {
    const order = resolve(model, model.definitions['Order']);
    expect(order?.properties?.[DEFAULT_GET_ORDERS_TEMPLATE.lines?.path ?? '']).toMatchObject({ type: 'array' });
  });
});
