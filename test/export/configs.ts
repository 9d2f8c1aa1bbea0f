/** Configurations the export tests share (LayerSpec + the same as CLI flags). */
import type { LayerSpec } from "../../src/conv/config.js";

export interface Case {
  name: string;
  spec: LayerSpec;
  flags: string[];
}

export const LECTURE: Case = { name: "lecture", spec: { input: [3, 3], kernel: [2, 2] }, flags: ["--input", "3x3", "--kernel", "2x2"] };
export const XCORR: Case = { name: "xcorr 4x4/3x3", spec: { input: [4, 4], kernel: [3, 3], op: "xcorr" }, flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr"] };
export const STRIDED: Case = {
  name: "stride 2, padding 1 (xcorr)",
  spec: { input: [5, 5], kernel: [3, 3], op: "xcorr", stride: 2, padding: 1 },
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--stride", "2", "--padding", "1"],
};
/** Padded and dilated, stride 1: every printed equation, forward pass included, can be verified. */
export const PADDED: Case = {
  name: "padding 1, dilation 2 (conv)",
  spec: { input: [6, 5], kernel: [2, 2], padding: 1, dilation: 2 },
  flags: ["--input", "6x5", "--kernel", "2x2", "--padding", "1", "--dilation", "2"],
};
export const CHANNELS: Case = {
  name: "channels 2→2 with bias",
  spec: { input: [3, 3], kernel: [2, 2], inChannels: 2, outChannels: 2, bias: true },
  flags: ["--input", "3x3", "--kernel", "2x2", "--in-channels", "2", "--out-channels", "2", "--bias"],
};

/** More shapes for the table invariants (cheap, in-process). */
export const TABLE_SPECS: LayerSpec[] = [
  LECTURE.spec,
  XCORR.spec,
  STRIDED.spec,
  CHANNELS.spec,
  { input: [5, 6], kernel: [3, 2], stride: [2, 1], padding: [[1, 0], [0, 2]] },
  { input: [6, 5], kernel: [2, 2], dilation: 2, padding: "same" },
  { input: [5, 5], kernel: [3, 3], op: "xcorr", dilation: [2, 1], stride: [1, 2], padding: "full" },
  { input: [4, 4], kernel: [3, 3], padding: "full" },
  { input: [2, 3], kernel: [2, 2], stride: 3, padding: [[2, 0], [1, 1]] },
  { input: [7], kernel: [3], stride: 2, padding: 1 },
  { input: [6], kernel: [2], op: "xcorr", dilation: 2 },
  { input: [4, 4], kernel: [2, 2], inChannels: 4, outChannels: 2, groups: 2, batch: 2, bias: true },
  { input: [4, 3], kernel: [2, 2], op: "xcorr", inChannels: 2, outChannels: 3, batch: 2, stride: 2, padding: 1 },
];
