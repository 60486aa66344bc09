export * from './seller-account';
export * from './connection-grants';
export * from './auth-connections.grants';
export * from './lwa.grants';
export * from './amazon-connections';
export * from './amazon.module';
export * from './sp-api-metrics';
