import { parseIfMatch, parsePreviewBody } from './template-requests';
import { TemplatesError } from './templates.error';

function refusal(fn: () => unknown): Pick<TemplatesError, 'code' | 'details'> {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplatesError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('accepted');
}

describe('preview request', () => {
  it('takes a record and an optional draft template', () => {
    expect(parsePreviewBody({ record: { sku: 'A' } })).toEqual({ record: { sku: 'A' } });
    expect(parsePreviewBody({ record: {}, template: { fields: {} } })).toEqual({ record: {}, template: { fields: {} } });
  });

  it.each([
    ['no body', undefined, 'body.record', 'is required'],
    ['a record that is a list', { record: [1] }, 'body.record', expect.any(String)],
    ['an unknown field', { record: {}, sample: {} }, 'body.sample', expect.any(String)],
  ])('refuses %s naming the field', (_name, body, field, reason) => {
    expect(refusal(() => parsePreviewBody(body))).toEqual({ code: 'INVALID_REQUEST', details: [{ field, reason }] });
  });
});

describe('If-Match', () => {
  it('reads the version of an ETag, quoted or not; absent or * means no check', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('0')).toBe(0);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it('refuses anything else', () => {
    expect(refusal(() => parseIfMatch('"abc"'))).toMatchObject({ code: 'INVALID_REQUEST', details: [{ field: 'headers.if-match' }] });
  });
});
