const path = require('node:path');
const { projectConfig } = require('../../jest.preset');

// The same global setup as the root config, so `npx jest -c libs/testing/jest.config.js` also runs
// against one shared broker and database server. Jest runs a setup file once even when the root
// config and a project name the same path.
module.exports = projectConfig(__dirname, 'testing', {
  globalSetup: path.join(__dirname, 'global-setup.js'),
  globalTeardown: path.join(__dirname, 'global-teardown.js'),
});
