import { builder } from '../builder.js';
import './instance.js';
import './create-instance.js';
import './lifecycle.js';

/** The gateway's GraphQL schema, built once from every type module. */
export const schema = builder.toSchema({ sortSchema: false });
