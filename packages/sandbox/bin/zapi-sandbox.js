#!/usr/bin/env node
// A checked-in launcher, so installing the workspace works before the first build.
await import('../dist/cli.js');
