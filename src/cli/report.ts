import type { ConvertResult, ErrorCode, Tier } from '../core';

/** The CLI's --json line. Field names and meanings are a contract: scripts rely on them. */
export interface FileReport {
  file: string;
  ok: boolean;
  svg: string | null;
  bytes: number | null;
  ms: number | null;
  tier: Tier;
  class: ConvertResult['class'];
  confidence: number | null;
  engine: string | null;
  /** Who chose the tracing parameters: the parameter model, the class preset, or plain (tier 1). */
  paramSource: ConvertResult['paramSource'] | null;
  /** Tier 3's closed loop: candidates tried of planned, stopped by the deadline, target, gain. */
  search: ConvertResult['search'];
  fallback: ConvertResult['fallback'];
  quality: { ssim: number; mae: number } | null;
  error: { code: ErrorCode; message: string } | null;
}

export function successReport(file: string, svgPath: string, result: ConvertResult, ms: number): FileReport {
  return {
    file,
    ok: true,
    svg: svgPath,
    bytes: result.bytes,
    ms: round(ms, 1),
    tier: result.tier,
    class: result.class,
    confidence: result.confidence,
    engine: result.engine,
    paramSource: result.paramSource,
    search: result.search,
    fallback: result.fallback,
    quality: result.quality ? { ssim: round(result.quality.ssim, 4), mae: round(result.quality.mae, 2) } : null,
    error: null,
  };
}

export function failureReport(file: string, tier: Tier, error: { code: ErrorCode; message: string }): FileReport {
  return {
    file,
    ok: false,
    svg: null,
    bytes: null,
    ms: null,
    tier,
    class: null,
    confidence: null,
    engine: null,
    paramSource: null,
    search: null,
    fallback: null,
    quality: null,
    error: { code: error.code, message: error.message },
  };
}

/** The line a person reads when --json is off. */
export function humanLine(report: FileReport): string {
  if (!report.ok) return `✗ ${report.file}: ${report.error!.code} — ${report.error!.message}`;
  const quality = report.quality ? `, SSIM ${report.quality.ssim.toFixed(3)}` : '';
  const fallback = report.fallback ? ` (fallback from ${report.fallback.from}: ${report.fallback.reason})` : '';
  return `✓ ${report.file} → ${report.svg} (${report.bytes} B, ${report.ms} ms${quality}, tier ${report.tier}, ${report.engine})${fallback}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
