// The instance's colour as the kit's primary colour. bootstrap-italia compiles most of its colours
// into its CSS, so src/theme.css repaints what shows the primary colour from the custom properties
// set here on <html>; its defaults are the kit's own blue, so nothing changes without a colour.

type Rgb = [number, number, number];

/** `#rrggbb` as numbers, or null for anything else. */
export function parseHex(color: string | null | undefined): Rgb | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null;
}

/** The colour mixed with `other`: `keep` of the colour, the rest of `other`. */
function mix([r, g, b]: Rgb, keep: number, other: number): Rgb {
  const f = (c: number) => Math.round(c * keep + other * (1 - keep));
  return [f(r), f(g), f(b)];
}

const rgb = (c: Rgb) => `rgb(${c.join(', ')})`;
const triplet = (c: Rgb) => c.join(', ');

/**
 * The custom properties for a colour: the colour itself and darker shades mixed with black (the
 * same proportions as the kit's shades of its blue), light tints mixed with white, plus the kit's
 * own variables.
 */
export function themeProperties(color: string): Record<string, string> | null {
  const c = parseHex(color);
  if (!c) return null;
  const dark = (keep: number) => mix(c, keep, 0);
  return {
    '--comune-primary': rgb(c),
    '--comune-primary-rgb': triplet(c),
    '--comune-primary-slim': rgb(dark(0.875)),
    '--comune-primary-hover': rgb(dark(0.85)),
    '--comune-primary-active': rgb(dark(0.8)),
    '--comune-primary-active-border': rgb(dark(0.75)),
    '--comune-primary-dark': rgb(dark(0.75)),
    '--comune-primary-deep': rgb(dark(0.625)),
    '--comune-primary-darkest': rgb(dark(0.5)),
    '--comune-primary-tint': rgb(mix(c, 0.05, 255)),
    '--comune-primary-tint-10': rgb(mix(c, 0.1, 255)),
    '--comune-primary-focus-rgb': triplet(mix(c, 0.85, 255)),
    '--bs-primary': rgb(c),
    '--bs-primary-rgb': triplet(c),
    '--bs-link-color': rgb(c),
    '--bs-link-color-rgb': triplet(c),
    '--bs-link-hover-color': rgb(dark(0.8)),
    '--bs-link-hover-color-rgb': triplet(dark(0.8)),
  };
}

let applied: string[] = [];

/** Sets the colour's properties on <html>, or takes them away (null: the kit's blue). */
export function applyTheme(color: string | null | undefined) {
  const style = document.documentElement.style;
  for (const name of applied) style.removeProperty(name);
  applied = [];
  const props = color ? themeProperties(color) : null;
  if (!props) return;
  for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
  applied = Object.keys(props);
}
