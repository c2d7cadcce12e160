declare module 'readme-examples' {
  const examples: Array<{ query: string }>;
  export default examples;
}

declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';
  const extension: Ext;
  export default extension;
}

declare module '*.css';
