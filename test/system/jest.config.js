const { projectConfig } = require('../../jest.preset');

module.exports = projectConfig(__dirname, 'system-tests', { setupFilesAfterEnv: ['<rootDir>/support/timeout.ts'] });
