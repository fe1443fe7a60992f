import { createContext, useContext } from 'react';

export type Scope = 'read' | 'write' | 'token' | 'metrics';

/** Who is signed in: the key's scopes, whether the gateway is open, on the sandbox. */
export interface ViewerInfo {
  scopes: readonly Scope[];
  open: boolean;
  sandbox: boolean;
  key: string | undefined;
}

export const ViewerContext = createContext<ViewerInfo>({
  scopes: [],
  open: false,
  sandbox: false,
  key: undefined,
});

/** The signed-in caller. */
export function useViewer() {
  return useContext(ViewerContext);
}
