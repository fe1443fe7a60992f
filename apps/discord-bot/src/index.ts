// The Discord bot arrives with issue 5; this package holds its place in the workspace.
export {};
