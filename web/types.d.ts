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

/** Natural Earth's countries (TopoJSON): the build copies the file into /assets and gives its address. */
declare module 'world-atlas/*.json?url' {
  const url: string;
  export default url;
}
