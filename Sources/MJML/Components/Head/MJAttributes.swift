/// `<mj-attributes>`: default attributes per tag (`mj-all`, `mj-class`, a tag's name).
enum MJAttributes: Component {
    static let tag = "mj-attributes"
    static let parents: Set<String> = ["mj-head"]
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        for child in node.children where child.isElement {
            switch child.tag {
            case MJAll.tag:
                for a in child.attributes { head.all.append((a.name, a.value)) }
            case MJClass.tag:
                guard let name = child.attribute("name") else { continue }
                for a in child.attributes where a.name != "name" { head.classes[name, default: []].append((a.name, a.value)) }
            default:
                for a in child.attributes { head.byTag[child.tag, default: []].append((a.name, a.value)) }
            }
        }
    }
}
