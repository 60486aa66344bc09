export * from './auth.config';
export * from './auth.error';
export * from './token-verifier';
export * from './guards';
export * from './auth-error.filter';
export * from './auth.module';
export * from './connection-access/connection-access.error';
export * from './connection-access/connection-access.client';
