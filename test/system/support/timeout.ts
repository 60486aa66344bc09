// Cross-service flows start real processes against the real broker: minutes, not Jest's 5 s.
jest.setTimeout(120000);
