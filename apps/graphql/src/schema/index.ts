import { builder } from '../builder.js';
import './instance.js';
import './instance-data.js';
import './create-instance.js';
import './lifecycle.js';
import './pairing-code.js';
import './instance-webhooks.js';
import './connection-events.js';
import './viewer.js';

/** The gateway's GraphQL schema, built once from every type module. */
export const schema = builder.toSchema({ sortSchema: false });
