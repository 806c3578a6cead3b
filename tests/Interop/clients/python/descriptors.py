"""What grpcurl builds from reflected FileDescriptorProtos: the symbols a file defines, a
DescriptorPool of the files, message classes, and `describe`'s view of services and types."""

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from reflection_stream import ReflectionFailure


def defined_symbols(fdp, include_map_entries=True):
    """(full name, kind) of every message (incl. nested) and enum (incl. nested) in a file."""
    pkg = fdp.package + "." if fdp.package else ""
    out = []

    def walk_msg(m, prefix):
        full = prefix + m.name
        if include_map_entries or not m.options.map_entry:
            out.append((full, "message"))
        for n in m.nested_type:
            walk_msg(n, full + ".")
        for e in m.enum_type:
            out.append((full + "." + e.name, "enum"))

    for m in fdp.message_type:
        walk_msg(m, pkg)
    for e in fdp.enum_type:
        out.append((pkg + e.name, "enum"))
    return out


def file_defines(fdp, symbol):
    pkg = fdp.package + "." if fdp.package else ""
    for s in fdp.service:
        full = pkg + s.name
        if symbol == full or any(symbol == full + "." + m.name for m in s.method):
            return True
    return any(symbol == name for name, _ in defined_symbols(fdp))


def build_pool(files, order, missing):
    """A pool of the received files in dependency order; `missing` gets the names filled in from the runtime."""
    pool = descriptor_pool.DescriptorPool()
    added = set()
    default = descriptor_pool.Default()
    visiting = set()

    def add(name, needed_by):
        if name in added:
            return
        if name in visiting:
            raise ReflectionFailure("dependency cycle through %s" % name)
        visiting.add(name)
        fdp = files.get(name)
        if fdp is None:
            # grpcurl tolerates some missing files; here we can only fall back to the copies
            # the protobuf runtime knows (google/protobuf/*.proto).
            try:
                known = default.FindFileByName(name)
            except KeyError:
                raise ReflectionFailure("dependency %s (of %s) was not returned by the server" % (name, needed_by))
            fdp = descriptor_pb2.FileDescriptorProto()
            known.CopyToProto(fdp)
            missing.append(name)
        for dep in fdp.dependency:
            add(dep, name)
        try:
            pool.AddSerializedFile(fdp.SerializeToString())
        except Exception as e:  # noqa: BLE001
            raise ReflectionFailure("cannot add %s to a DescriptorPool: %s" % (name, e))
        visiting.discard(name)
        added.add(name)

    for name in order:
        add(name, "(received)")
    return pool


def make_class(descriptor):
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(descriptor.file.pool).GetPrototype(descriptor)


def _type_name(field):
    if field.message_type is not None:
        return field.message_type.full_name
    if field.enum_type is not None:
        return field.enum_type.full_name
    return descriptor_pb2.FieldDescriptorProto.Type.Name(field.type)[len("TYPE_"):].lower()


def describe(pool, files, prefix):
    """grpcurl describe of every service, message (map entries aside) and enum whose full name starts with
    `prefix`, each looked up in the pool, so every type it names must have been resolved too."""
    out = {}
    for fdp in files.values():
        pkg = fdp.package + "." if fdp.package else ""
        for s in fdp.service:
            if (pkg + s.name).startswith(prefix):
                svc = pool.FindServiceByName(pkg + s.name)
                out[svc.full_name] = {"kind": "service", "methods": {m.name: {
                    "input": m.input_type.full_name, "output": m.output_type.full_name,
                    "client_streaming": s.method[i].client_streaming, "server_streaming": s.method[i].server_streaming,
                } for i, m in enumerate(svc.methods)}}
        for name, kind in defined_symbols(fdp, include_map_entries=False):
            if not name.startswith(prefix):
                continue
            if kind == "enum":
                enum = pool.FindEnumTypeByName(name)
                out[name] = {"kind": "enum", "values": {v.name: v.number for v in enum.values}}
            else:
                msg = pool.FindMessageTypeByName(name)
                out[name] = {"kind": "message", "fields": [{
                    "name": f.name, "number": f.number, "type": _type_name(f),
                    "repeated": f.label == f.LABEL_REPEATED,
                } for f in msg.fields]}
    return out
