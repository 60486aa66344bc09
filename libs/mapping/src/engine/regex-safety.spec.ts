import { checkRegex } from './regex-safety';

describe('regex safety at save time', () => {
  it.each(['^[0-9]{20}$', '^1Z.{6}YW', '^(94|92)05', '^(?:ab)+$', '(a|b)c*', '^[a-z(+)]+$', '\\(a+\\)+', '^(a{1})+$'])('accepts %s', (pattern) => {
    expect(checkRegex(pattern).ok).toBe(true);
  });

  it.each(['^(a+)+$', '(\\d*)*', '((ab)+)+', '(x{2,})+', '^(a|b+)*$', '(.*){2,}'])('rejects the nested repetition %s', (pattern) => {
    expect(checkRegex(pattern)).toMatchObject({ ok: false, code: 'UNSAFE_REGEX' });
  });

  it('rejects invalid syntax with the engine message', () => {
    expect(checkRegex('([a-z')).toMatchObject({ ok: false, code: 'INVALID_REGEX', reason: expect.stringContaining('Invalid regular expression') });
  });
});
