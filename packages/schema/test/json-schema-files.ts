/** The exact text a committed JSON Schema file holds, so the writer and the drift test agree. */
export function jsonSchemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
