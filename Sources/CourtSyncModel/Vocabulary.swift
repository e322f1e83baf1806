/// Closed vocabularies of the case data. Raw values are what the database, import files and
/// the wire carry; `label` is what a clerk reads.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String {
    var label: String { get }
}

extension Vocabulary {
    /// Parses a raw value or a label; the error lists the accepted values.
    public static func parse(_ text: String, field: String) throws(ValidationError) -> Self {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Self(rawValue: trimmed) ?? allCases.first(where: { $0.label == trimmed }) {
            return value
        }
        let accepted = allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError(field: field, value: text, reason: "not one of: \(accepted)")
    }
}

/// How a case was filed (立案渠道). Online channels are those of the 2020 notice.
public enum FilingChannel: String, Vocabulary {
    case portal  // 广东法院诉讼服务网
    case mobile  // 深圳移动微法院
    case counter
    case post

    public var label: String {
        switch self {
        case .portal: "广东法院诉讼服务网"
        case .mobile: "深圳移动微法院"
        case .counter: "窗口立案"
        case .post: "邮寄立案"
        }
    }

    public var isOnline: Bool { self == .portal || self == .mobile }
}

/// Where a case is in its procedure. Ordered: a stage never moves backwards.
public enum CaseStage: String, Vocabulary, Comparable {
    case filed, pretrial, trial, decided, archived

    public var label: String {
        switch self {
        case .filed: "立案"
        case .pretrial: "审前准备"
        case .trial: "审理"
        case .decided: "裁判"
        case .archived: "归档"
        }
    }

    public static func < (lhs: CaseStage, rhs: CaseStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum CaseStatus: String, Vocabulary {
    case pending, suspended, closed

    public var label: String {
        switch self {
        case .pending: "未结"
        case .suspended: "中止"
        case .closed: "已结"
        }
    }
}

/// How a case was closed (结案方式).
public enum ClosingMethod: String, Vocabulary {
    case judgment, mediation, withdrawal, ruling, transfer
    /// 终结本次执行程序 (终本).
    case terminatedCurrentEnforcement = "terminated_current"
    /// 执行完毕.
    case enforced
    case other

    public var label: String {
        switch self {
        case .judgment: "判决"
        case .mediation: "调解"
        case .withdrawal: "撤诉"
        case .ruling: "裁定"
        case .transfer: "移送"
        case .terminatedCurrentEnforcement: "终结本次执行"
        case .enforced: "执行完毕"
        case .other: "其他"
        }
    }
}

/// Outcome of an appeal, written by the intermediate court on the first-instance case.
public enum AppealResult: String, Vocabulary {
    case affirmed, reversed, remanded, withdrawn, settled, other

    public var label: String {
        switch self {
        case .affirmed: "维持"
        case .reversed: "改判"
        case .remanded: "发回重审"
        case .withdrawn: "撤回上诉"
        case .settled: "调解"
        case .other: "其他"
        }
    }
}

public enum PartySide: String, Vocabulary {
    case plaintiff, defendant, thirdParty = "third_party", appellant, appellee, applicant, respondent, accused, victim

    public var label: String {
        switch self {
        case .plaintiff: "原告"
        case .defendant: "被告"
        case .thirdParty: "第三人"
        case .appellant: "上诉人"
        case .appellee: "被上诉人"
        case .applicant: "申请人"
        case .respondent: "被申请人"
        case .accused: "被告人"
        case .victim: "被害人"
        }
    }
}

public enum PartyKind: String, Vocabulary {
    case natural, legal, organisation

    public var label: String {
        switch self {
        case .natural: "自然人"
        case .legal: "法人"
        case .organisation: "非法人组织"
        }
    }
}

public enum LicenceStatus: String, Vocabulary {
    case practising, suspended, revoked

    public var label: String {
        switch self {
        case .practising: "执业"
        case .suspended: "停止执业"
        case .revoked: "吊销"
        }
    }
}

public enum RepresentationStatus: String, Vocabulary {
    case active, withdrawn

    public var label: String { self == .active ? "代理中" : "已解除" }
}

public enum HearingMode: String, Vocabulary {
    case online, offline, hybrid

    public var label: String {
        switch self {
        case .online: "在线"
        case .offline: "线下"
        case .hybrid: "混合"
        }
    }
}

public enum HearingStatus: String, Vocabulary {
    case scheduled, held, postponed, cancelled

    public var label: String {
        switch self {
        case .scheduled: "已排期"
        case .held: "已开庭"
        case .postponed: "延期"
        case .cancelled: "取消"
        }
    }
}

public enum MediationResult: String, Vocabulary {
    case pending, succeeded, failed, withdrawn

    public var label: String {
        switch self {
        case .pending: "进行中"
        case .succeeded: "调解成功"
        case .failed: "调解不成"
        case .withdrawn: "撤回"
        }
    }
}

/// How a document was served (送达方式). Electronic methods are those of the 2020 notice.
public enum ServiceMethod: String, Vocabulary {
    case wechat, sms, email, platform, post, inPerson = "in_person", announcement

    public var label: String {
        switch self {
        case .wechat: "微信/微法院"
        case .sms: "短信"
        case .email: "电子邮件"
        case .platform: "送达平台"
        case .post: "邮寄"
        case .inPerson: "直接送达"
        case .announcement: "公告"
        }
    }

    public var isElectronic: Bool { [.wechat, .sms, .email, .platform].contains(self) }
}

/// A judge's decision on a lawyer's file-review request (阅卷申请).
public enum ReviewDecision: String, Vocabulary {
    case pending, approved, rejected, withdrawn

    public var label: String {
        switch self {
        case .pending: "待审批"
        case .approved: "已批准"
        case .rejected: "不予批准"
        case .withdrawn: "已撤回"
        }
    }
}
