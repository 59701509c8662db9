// JSON Canonicalization Scheme (RFC 8785), the form accord versions are stored, hashed and signed
// in. RFC 8785 is defined in terms of ECMAScript: strings are escaped and numbers written exactly
// as JSON.stringify does, so this only has to sort object keys (by UTF-16 code units, which is
// what the default Array sort compares) and leave out whitespace.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The canonical text of `value`; throws on what JSON cannot say (NaN, Infinity, functions). */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error('JCS: numbers must be finite');
      // -0 is written "0", 1e21 "1e+21", 0.000001 "0.000001": ECMAScript's Number::toString.
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        // As JSON.stringify: a hole or undefined inside an array is null.
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalize(v))).join(',')}]`;
      }
      const object = value as Record<string, unknown>;
      const members = Object.keys(object)
        .filter((k) => object[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalize(object[k])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new Error(`JCS: a ${typeof value} has no JSON form`);
  }
}
