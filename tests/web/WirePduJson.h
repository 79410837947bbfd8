#pragma once

#include "core/protocol/Pdu.h"

#include <QJsonObject>

namespace baton::protocol::testing {

// A PDU as the browser viewer's wire modules decode it (web/src/wire/README.md):
// {context: {source, shareId, stream}, body: {type, ...the struct's members}}, nested
// variants with `kind`, bytes as lower-case hex. The wire tests compare their decoded
// objects with this field by field.
QJsonObject toJson(const Pdu &pdu);
QJsonObject toJson(const PduBody &body);

} // namespace baton::protocol::testing
