export * from './platform.config';
export * from './service-definition';
export * from './platform-runtime';
export * from './platform.module';
export * from './bootstrap';
export * from './jobs/job.entity';
export * from './jobs/jobs.module';
