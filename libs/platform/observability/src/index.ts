export * from './correlation-context';
export * from './correlation.middleware';
export * from './redaction';
export * from './logger.module';
export * from './error-body';
export * from './error-serializer';
