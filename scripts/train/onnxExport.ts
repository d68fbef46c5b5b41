import onnxProto from 'onnx-proto';
import type { Mlp } from './mlp';
import type { Standardiser } from './train';

const { onnx } = onnxProto;

/** ONNX schema of onnx-proto 8.0.1 is 1.10: IR version 8 and opset 17 load in onnxruntime-web. */
export const IR_VERSION = 8;
export const OPSET = 17;
export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probabilities';

export interface ExportSpec {
  mlp: Mlp;
  standardiser: Standardiser;
  featureNames: readonly string[];
  classes: readonly string[];
  version: string;
  docString?: string;
  /** A regression head instead of class probabilities: the last Gemm is the output (no Softmax),
   * named `name`, with `size` columns (the parameter model's predictions). */
  linearHead?: { name: string; size: number; graphName: string };
}

/**
 * features [N, F] → Sub(mean) → Div(std) → (Gemm → Relu)* → Gemm → Softmax(axis −1).
 * The standardisation lives in the graph, so callers feed raw features and no separate
 * normalisation file can drift from the weights.
 */
export function mlpToOnnx(spec: ExportSpec): Uint8Array {
  const { mlp, standardiser, featureNames, classes } = spec;
  const f = featureNames.length;
  const initializer = [floatTensor('mean', [f], standardiser.mean), floatTensor('std', [f], standardiser.std)];
  const node = [
    onnx.NodeProto.create({ name: 'centre', opType: 'Sub', input: [INPUT_NAME, 'mean'], output: ['centred'] }),
    onnx.NodeProto.create({ name: 'scale', opType: 'Div', input: ['centred', 'std'], output: ['x0'] }),
  ];
  const head = spec.linearHead;
  mlp.layers.forEach((layer, l) => {
    const last = l === mlp.layers.length - 1;
    initializer.push(floatTensor(`W${l}`, [layer.inputs, layer.outputs], layer.weights), floatTensor(`b${l}`, [layer.outputs], layer.bias));
    const z = last ? (head ? head.name : 'logits') : `z${l}`;
    node.push(onnx.NodeProto.create({
      name: `dense${l}`, opType: 'Gemm', input: [`x${l}`, `W${l}`, `b${l}`], output: [z],
      attribute: [intAttribute('transB', 0)],
    }));
    if (!last) node.push(onnx.NodeProto.create({ name: `relu${l}`, opType: 'Relu', input: [z], output: [`x${l + 1}`] }));
  });
  if (!head) node.push(onnx.NodeProto.create({ name: 'softmax', opType: 'Softmax', input: ['logits'], output: [OUTPUT_NAME], attribute: [intAttribute('axis', -1)] }));
  const graph = onnx.GraphProto.create({
    name: head?.graphName ?? 'tracewise_classifier',
    node,
    initializer,
    input: [valueInfo(INPUT_NAME, ['N', f])],
    output: [head ? valueInfo(head.name, ['N', head.size]) : valueInfo(OUTPUT_NAME, ['N', classes.length])],
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'tracewise scripts/train',
    producerVersion: spec.version,
    docString: spec.docString ?? '',
    graph,
    metadataProps: [
      { key: 'features', value: JSON.stringify(featureNames) },
      { key: 'classes', value: JSON.stringify(classes) },
      { key: 'version', value: spec.version },
    ],
  });
  const problem = onnx.ModelProto.verify(model);
  if (problem) throw new Error(`Invalid ONNX model: ${problem}`);
  return onnx.ModelProto.encode(model).finish();
}

/** Reads the weights back out of an exported model: tests compare it with the TS reference. */
export function onnxToMlp(bytes: Uint8Array): { mlp: Mlp; standardiser: Standardiser; metadata: Record<string, string> } {
  const model = onnx.ModelProto.decode(bytes);
  const tensors = new Map((model.graph?.initializer ?? []).map((t) => [t.name ?? '', t]));
  const read = (name: string): { dims: number[]; values: Float64Array } => {
    const t = tensors.get(name);
    if (!t) throw new Error(`initializer ${name} missing`);
    const raw = t.rawData ?? new Uint8Array();
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const values = new Float64Array(raw.byteLength / 4).map((_, i) => view.getFloat32(i * 4, true));
    return { dims: (t.dims ?? []).map(Number), values };
  };
  const layers: Mlp['layers'] = [];
  for (let l = 0; tensors.has(`W${l}`); l++) {
    const w = read(`W${l}`);
    layers.push({ inputs: w.dims[0]!, outputs: w.dims[1]!, weights: w.values, bias: read(`b${l}`).values });
  }
  const metadata = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  return { mlp: { layers }, standardiser: { mean: read('mean').values, std: read('std').values }, metadata };
}

/** Rounds every weight to float32, so the float64 reference computes with the exported values. */
export function roundToFloat32(mlp: Mlp, standardiser: Standardiser): void {
  for (const layer of mlp.layers) {
    layer.weights.forEach((v, i) => (layer.weights[i] = Math.fround(v)));
    layer.bias.forEach((v, i) => (layer.bias[i] = Math.fround(v)));
  }
  standardiser.mean.forEach((v, i) => (standardiser.mean[i] = Math.fround(v)));
  standardiser.std.forEach((v, i) => (standardiser.std[i] = Math.fround(v)));
}

/** Little-endian float32 raw_data, written value by value with a DataView (never a view's
 * `.buffer`, which would drag the whole underlying buffer along). */
function floatTensor(name: string, dims: number[], values: ArrayLike<number>) {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw });
}

function intAttribute(name: string, value: number) {
  return onnx.AttributeProto.create({ name, i: value, type: onnx.AttributeProto.AttributeType.INT });
}

function valueInfo(name: string, dims: Array<number | string>) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}
