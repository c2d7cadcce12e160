/**
 * How a statement returns a node's or link's properties: whole (`props: properties(x)`), or only
 * the keys a query selects (src/common/property-projection.ts), named by the parameter `keys`, as
 * `values: [key IN $keys | x[key]]` (a parameter, so every selection shares one plan).
 * withProperties reads either form back as a property map.
 */
export const PROPERTY_COLUMN = (x: string, keys: string | null) =>
  keys ? `values: [key IN ${keys} | ${x}[key]]` : `props: properties(${x})`;
