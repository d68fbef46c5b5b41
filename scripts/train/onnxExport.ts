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
  /** An ensemble: members sharing the input and standardiser, whose probabilities are averaged.
   * When given, it replaces `mlp`. */
  members?: readonly Mlp[];
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
 * features [N, F] → Sub(mean) → Div(std) → (Gemm → Relu)* → Gemm → Softmax(axis −1); for an
 * ensemble one such chain per member after the shared standardisation, then the mean of their
 * probabilities (Sum → Mul 1/K). The standardisation lives in the graph, so callers feed raw
 * features and no separate normalisation file can drift from the weights.
 */
export function mlpToOnnx(spec: ExportSpec): Uint8Array {
  const { standardiser, featureNames, classes } = spec;
  const members = spec.members?.length ? spec.members : [spec.mlp];
  const f = featureNames.length;
  const initializer = [floatTensor('mean', [f], standardiser.mean), floatTensor('std', [f], standardiser.std)];
  const node = [
    onnx.NodeProto.create({ name: 'centre', opType: 'Sub', input: [INPUT_NAME, 'mean'], output: ['centred'] }),
    onnx.NodeProto.create({ name: 'scale', opType: 'Div', input: ['centred', 'std'], output: ['x0'] }),
  ];
  const head = spec.linearHead;
  if (head && members.length > 1) throw new Error('A linear (regression) head is exported for a single network only.');
  const single = members.length === 1;
  const memberOutputs: string[] = [];
  members.forEach((mlp, k) => {
    // A single model keeps the plain names (W0, b0, …) older exports used.
    const p = single ? '' : `m${k}_`;
    mlp.layers.forEach((layer, l) => {
      const last = l === mlp.layers.length - 1;
      initializer.push(floatTensor(`${p}W${l}`, [layer.inputs, layer.outputs], layer.weights), floatTensor(`${p}b${l}`, [layer.outputs], layer.bias));
      const input = l === 0 ? 'x0' : `${p}x${l}`;
      const z = last ? (head ? head.name : `${p}logits`) : `${p}z${l}`;
      node.push(onnx.NodeProto.create({
        name: `${p}dense${l}`, opType: 'Gemm', input: [input, `${p}W${l}`, `${p}b${l}`], output: [z],
        attribute: [intAttribute('transB', 0)],
      }));
      if (!last) node.push(onnx.NodeProto.create({ name: `${p}relu${l}`, opType: 'Relu', input: [z], output: [`${p}x${l + 1}`] }));
    });
    if (head) return;
    const probs = single ? OUTPUT_NAME : `${p}probabilities`;
    node.push(onnx.NodeProto.create({ name: `${p}softmax`, opType: 'Softmax', input: [`${p}logits`], output: [probs], attribute: [intAttribute('axis', -1)] }));
    memberOutputs.push(probs);
  });
  if (!single) {
    initializer.push(floatTensor('inverseCount', [1], [1 / members.length]));
    node.push(onnx.NodeProto.create({ name: 'sum', opType: 'Sum', input: memberOutputs, output: ['probabilitySum'] }));
    node.push(onnx.NodeProto.create({ name: 'mean', opType: 'Mul', input: ['probabilitySum', 'inverseCount'], output: [OUTPUT_NAME] }));
  }
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

/** Reads the weights back out of an exported model: tests compare it with the TS reference.
 * `mlp` is the first (or only) member; `members` all of them. */
export function onnxToMlp(bytes: Uint8Array): { mlp: Mlp; members: Mlp[]; standardiser: Standardiser; metadata: Record<string, string> } {
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
  const readMember = (p: string): Mlp => {
    const layers: Mlp['layers'] = [];
    for (let l = 0; tensors.has(`${p}W${l}`); l++) {
      const w = read(`${p}W${l}`);
      layers.push({ inputs: w.dims[0]!, outputs: w.dims[1]!, weights: w.values, bias: read(`${p}b${l}`).values });
    }
    return { layers };
  };
  const members = tensors.has('W0') ? [readMember('')] : [];
  for (let k = 0; tensors.has(`m${k}_W0`); k++) members.push(readMember(`m${k}_`));
  if (members.length === 0) throw new Error('no layers in the model');
  const metadata = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  return { mlp: members[0]!, members, standardiser: { mean: read('mean').values, std: read('std').values }, metadata };
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
