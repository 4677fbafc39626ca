/**
 * Decoder alternatives measured by bench/pprof.bench.ts on the same uncompressed profile:
 * the npm packages pprof-format (DataDog) and protobufjs (reflection, profile.proto as JSON).
 */
import { Profile as PprofFormatProfile } from 'pprof-format';
import protobuf from 'protobufjs';

export function decodeWithPprofFormat(buf: Uint8Array): number {
  return PprofFormatProfile.decode(buf).sample.length;
}

const f = (id: number, type: string, rule?: 'repeated') => ({
  id,
  type,
  ...(rule ? { rule } : {}),
});

/** profile.proto (perftools.profiles) in protobufjs JSON form. */
const SCHEMA = {
  nested: {
    Profile: {
      fields: {
        sampleType: f(1, 'ValueType', 'repeated'),
        sample: f(2, 'Sample', 'repeated'),
        mapping: f(3, 'Mapping', 'repeated'),
        location: f(4, 'Location', 'repeated'),
        function: f(5, 'Function', 'repeated'),
        stringTable: f(6, 'string', 'repeated'),
        dropFrames: f(7, 'int64'),
        keepFrames: f(8, 'int64'),
        timeNanos: f(9, 'int64'),
        durationNanos: f(10, 'int64'),
        periodType: f(11, 'ValueType'),
        period: f(12, 'int64'),
        comment: f(13, 'int64', 'repeated'),
        defaultSampleType: f(14, 'int64'),
      },
    },
    ValueType: { fields: { type: f(1, 'int64'), unit: f(2, 'int64') } },
    Sample: {
      fields: {
        locationId: f(1, 'uint64', 'repeated'),
        value: f(2, 'int64', 'repeated'),
        label: f(3, 'Label', 'repeated'),
      },
    },
    Label: {
      fields: {
        key: f(1, 'int64'),
        str: f(2, 'int64'),
        num: f(3, 'int64'),
        numUnit: f(4, 'int64'),
      },
    },
    Mapping: {
      fields: {
        id: f(1, 'uint64'),
        memoryStart: f(2, 'uint64'),
        memoryLimit: f(3, 'uint64'),
        fileOffset: f(4, 'uint64'),
        filename: f(5, 'int64'),
        buildId: f(6, 'int64'),
      },
    },
    Location: {
      fields: {
        id: f(1, 'uint64'),
        mappingId: f(2, 'uint64'),
        address: f(3, 'uint64'),
        line: f(4, 'Line', 'repeated'),
        isFolded: f(5, 'bool'),
      },
    },
    Line: { fields: { functionId: f(1, 'uint64'), line: f(2, 'int64'), column: f(3, 'int64') } },
    Function: {
      fields: {
        id: f(1, 'uint64'),
        name: f(2, 'int64'),
        systemName: f(3, 'int64'),
        filename: f(4, 'int64'),
        startLine: f(5, 'int64'),
      },
    },
  },
};

const ProfileType = protobuf.Root.fromJSON(SCHEMA).lookupType('Profile');

export function decodeWithProtobufjs(buf: Uint8Array): number {
  const msg = ProfileType.decode(buf) as unknown as { sample: unknown[] };
  return msg.sample.length;
}
