import type { Raster } from '../../types';
import type { TraceEngine } from '../engine';
import { hexColour, straightColour } from './colour';
import { contourBox, signedArea, traceContours, type Contour } from './contours';
import { fitContour } from './fitContour';
import { cutHiddenStretches, hiddenArea } from './hiddenChords';
import { fitHiddenPrimitive } from './hiddenPrimitives';
import { layerCoverages, stackingOrder } from './layers';
import { explainPixels, type Mixture } from './mixture';
import { extractPalette, type PaletteColour } from './palette';
import { gradientElement } from './gradientSvg';
import { gradientGroups, surveyShading, type GradientFindings, type GradientGroup } from './gradientGroups';
import { explainGradientEdges } from './gradientMixture';
import { ownRegions } from './ownedRegions';
import { sameFindings } from './sameFindings';
import type { GradientPaint } from './gradientFit';
import type { TranslucentOverlay } from './translucentOverlay';
import { pathData } from './pathData';
import { FIT_SHARE, spellingFor, spellPaths } from './spellPaths';
import { fitPrimitive, primitiveMarkup } from './primitives';
import { pathBox, primitiveBox } from './shapeBox';
import { isTinyOutline, polygonPath } from './tinyOutline';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from './params';

/**
 * Tracewise's own engine: the image's exact flat colours, pixels explained as blends of two of
 * them, one stacked layer per colour traced at its anti-aliased (sub-pixel) edge, contours fitted
 * with lines and cubic Béziers, written as compact relative path data.
 */
export const tracewiseEngine: TraceEngine<TracewiseParams> = {
  id: 'tracewise',
  defaultParams: () => ({ ...TRACEWISE_DEFAULTS }),
  async trace(raster, params, hints) {
    return { svg: traceToSvg(raster, params, hints.precision) };
  },
};

/** Contour smoothing passes in images with fitted gradients: their edges meet colours no palette
 * colour matches exactly, and the outlines come out stepped (see smoothBetweenCorners). Flat art's
 * outlines are exact already, and smoothing would only round its near-corners. */
const GRADIENT_IMAGE_SMOOTHING = 4;
/** Shaded art sheds many specks (highlight fringes, band slivers) that cost bytes and add no
 * visible detail: in images with fitted gradients, shapes smaller than this (px² at 256×256,
 * train split: −6% bytes, SSIM unchanged) are dropped. */
const GRADIENT_IMAGE_MIN_AREA = 12;

/** See speckScale in traceToSvg. */
const SMALL_IMAGE_SIDE = 64;

/** Facets drawn with their own gradients (ownRegions), or first split apart (splitFacets), are
 * kept only when that saves at least this share of the bytes of drawing them as bands. Where it
 * saves less, the bands were few and matched the pixels about as well (train split, gradient
 * category: kept on JetBrains-style icons, 38–80% smaller, SSIM mostly higher; the softly shaded
 * emoji regions it also finds came out larger). */
const FACETS_MIN_SAVING = 0.1;

/**
 * The image as SVG. Drawn once with the gradient groups found; where some fitted regions' bands are
 * shared with other regions (unclaimed) or some shaded region fits no gradient (splittable), the
 * facet drawings are made too (unless params.facets is off) and the smallest is kept if it saves
 * FACETS_MIN_SAVING. Regions that fit a gradient far better than the shared colours drawing them
 * (misfit) are then given own layers too, when that is no larger.
 */
export function traceToSvg(raster: Raster, params: TracewiseParams, decimals: number): string {
  const palette = extractPalette(raster, params);
  const mixture = explainPixels(raster, palette.map((p) => p.colour));
  if (!params.gradients) return drawLayers(raster, params, decimals, palette, mixture, []);
  const survey = surveyShading(raster, mixture);
  const found = gradientGroups(raster, palette.length, mixture, survey, false, decimals);
  if (!params.facets || (found.unclaimed.length === 0 && found.misfit.length === 0 && !found.splittable)) return drawLayers(raster, params, decimals, palette, mixture, found.groups);
  const pristine = copyMixture(mixture);
  const banded = drawLayers(raster, params, decimals, palette, mixture, found.groups);
  const faceted = (findings: GradientFindings): string => {
    const facetPalette = [...palette];
    const facetMixture = copyMixture(pristine);
    const owned = ownRegions(raster, facetPalette, facetMixture, findings.groups, findings.unclaimed);
    return drawLayers(raster, params, decimals, facetPalette, facetMixture, [...findings.groups, ...owned]);
  };
  const split = found.splittable ? gradientGroups(raster, palette.length, pristine, survey, true, decimals) : null;
  const alternatives = [
    ...(found.unclaimed.length > 0 ? [faceted(found)] : []),
    // A split that found no fitting facet groups as before: its drawing would repeat one above.
    ...(split && !sameFindings(split, found) ? [faceted(split)] : []),
  ];
  const smallest = alternatives.reduce((a, b) => (b.length < a.length ? b : a), banded);
  const chosen = smallest.length <= (1 - FACETS_MIN_SAVING) * banded.length ? smallest : banded;
  if (found.misfit.length === 0) return chosen;
  // Misfits' own layers replace shapes that draw them wrong (a light rim as a dark sliver), not
  // stripes: they are kept when they cost no bytes (train split: +0.0044 SSIM and 5% fewer bytes on
  // the one emoji this changes; with the 10% saving asked of facets, it kept its wrong shapes).
  const misfit = faceted({ ...found, unclaimed: [...found.unclaimed, ...found.misfit] });
  return misfit.length <= chosen.length ? misfit : chosen;
}

function copyMixture(mixture: Mixture): Mixture {
  return { first: mixture.first.slice(), second: mixture.second.slice(), t: mixture.t.slice(), flatError: mixture.flatError };
}

/** The SVG of the palette's layers, stacked bottom-up, each traced, fitted and filled. Mutates
 * `mixture` (explainGradientEdges). */
function drawLayers(raster: Raster, params: TracewiseParams, decimals: number, palette: PaletteColour[], mixture: Mixture, groups: GradientGroup[]): string {
  const { width, height } = raster;
  explainGradientEdges(raster, mixture, palette.map((p) => p.colour), groups);
  const layers = layerUnits(palette, groups);
  const order = stackingOrder(layers);
  const rankOfColour = new Int16Array(palette.length);
  order.forEach((layerIndex, rank) => layers[layerIndex].members.forEach((c) => (rankOfColour[c] = rank)));
  const opaque = palette.map((p) => p.colour[3] >= 254.5);
  // What hides a lower layer's outline: the opaque layers above it, but for translucent overlays
  // (their colours are opaque, their layer is drawn with fill-opacity).
  const seeThrough = new Set(layers.flatMap((l) => (l.overlay ? l.members : [])));
  const solid = opaque.map((o, c) => o && !seeThrough.has(c));
  const solidUnion = (coverage: Float32Array, rank: number): Float32Array =>
    seeThrough.size === 0 ? coverage : layerCoverages(mixture, rankOfColour, solid, rank, width, height).coverage;
  const areaScale = (width * height) / (256 * 256);
  // Below 64 px a speck is a large share of the image (a 16 px favicon's one-pixel dot is its
  // detail), so the plain speck filter shrinks with the image there; from 64 px up, specks are
  // anti-aliasing and noise, which do not shrink with the image (with the filter scaled at every
  // size, the parameter search's 128 px traces came out 21% larger, median, for +0.001 SSIM).
  const speckScale = Math.min(1, (width * height) / (SMALL_IMAGE_SIDE * SMALL_IMAGE_SIDE));
  const defs: string[] = [];
  const elements: string[] = [];
  order.forEach((layerIndex, rank) => {
    const layer = layers[layerIndex];
    const { coverage, own } = layerCoverages(mixture, rankOfColour, opaque, rank, width, height);
    const minArea = groups.length > 0 ? Math.max(params.minArea, GRADIENT_IMAGE_MIN_AREA * areaScale) : params.minArea * speckScale;
    const traced = traceContours(coverage, width, height).filter((c) => Math.abs(signedArea(c)) >= minArea);
    const hidden = rank < order.length - 1 && traced.length > 0 ? hiddenArea(solidUnion(coverage, rank), own, width, height, pixelBox(traced)) : null;
    const contours = hidden ? traced.map((c) => cutHiddenStretches(c, hidden)) : traced;
    if (contours.length === 0) return;
    const smoothing = groups.length > 0 ? GRADIENT_IMAGE_SMOOTHING : 0;
    const fitted = contours.map((c) => (isTinyOutline(c) ? polygonPath(c) : fitContour(c, params.curveTolerance * FIT_SHARE, params.cornerAngle, smoothing)));
    const written = spellPaths(fitted, spellingFor(params.curveTolerance, decimals));
    // A lone outline that is a circle, ellipse or rectangle is written as one when shorter.
    const d = pathData(written, decimals);
    // The whole outline as traced, not the one cut short under the upper layers: a circle
    // stays a circle (covering a little more than needed, out of sight).
    // Else one that the outline is where it shows, when it dips under upper shapes.
    const shape = params.primitives && contours.length === 1 ? (fitPrimitive(traced[0], params.curveTolerance) ?? (hidden && fitHiddenPrimitive(traced[0], hidden, own, width, params.curveTolerance))) : null;
    const primitive = shape ? primitiveMarkup(shape, decimals) : null;
    const usePrimitive = shape !== null && primitive !== null && primitive.length < `<path d="${d}"`.length;
    let fill: string;
    if (layer.overlay) {
      const { colour, opacity } = layer.overlay;
      fill = `fill="${hexColour(...colour)}" fill-opacity="${opacity}"`;
    } else if (layer.paint) {
      const id = `g${defs.length}`;
      const box = usePrimitive ? primitiveBox(shape, decimals) : pathBox(written, decimals);
      defs.push(gradientElement(id, layer.paint, decimals, box));
      fill = `fill="url(#${id})"`;
    } else {
      const { r, g, b, opacity } = straightColour(palette[layer.members[0]].colour);
      fill = `fill="${hexColour(r, g, b)}"${opacity < 0.995 ? ` fill-opacity="${+opacity.toFixed(3)}"` : ''}`;
    }
    elements.push(usePrimitive ? `${primitive} ${fill}/>` : `<path ${fill} d="${d}"/>`);
  });
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
  // Gradient elements are never drawn themselves: they need no <defs> around them (13 bytes).
  return `${head}${defs.join('')}${elements.join('')}</svg>`;
}

interface LayerUnit {
  members: number[];
  paint: GradientPaint | null;
  overlay?: TranslucentOverlay;
  box: { x0: number; y0: number; x1: number; y1: number };
  pixels: number;
}

/** One layer per flat colour, except that a gradient's bands share one layer. */
function layerUnits(palette: PaletteColour[], groups: GradientGroup[]): LayerUnit[] {
  const grouped = new Set(groups.flatMap((g) => g.members));
  const flat = palette.flatMap((p, i) => (grouped.has(i) ? [] : [{ members: [i], paint: null, box: p.box, pixels: p.pixels }]));
  const gradients = groups.map((g) => {
    const boxes = g.members.map((m) => palette[m].box);
    return {
      members: g.members,
      paint: g.paint,
      overlay: g.overlay,
      box: {
        x0: Math.min(...boxes.map((b) => b.x0)),
        y0: Math.min(...boxes.map((b) => b.y0)),
        x1: Math.max(...boxes.map((b) => b.x1)),
        y1: Math.max(...boxes.map((b) => b.y1)),
      },
      pixels: g.members.reduce((sum, m) => sum + palette[m].pixels, 0),
    };
  });
  return [...flat, ...gradients];
}

/** The pixels a layer's contours span (their points' boxes joined, widened to whole pixels). */
function pixelBox(contours: Contour[]): { x0: number; y0: number; x1: number; y1: number } {
  const box = contours.map(contourBox).reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));
  return { x0: Math.floor(box.x0), y0: Math.floor(box.y0), x1: Math.ceil(box.x1), y1: Math.ceil(box.y1) };
}
