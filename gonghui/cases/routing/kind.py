"""What the caller wants done: 投诉 (a wrong to be dealt with), 咨询 (a question about the rules),
求助 (help in their own trouble) or 建议 (a proposal).

Read from the form of the sentence, not its subject: "老板欠了我三个月工资" is a complaint, "老板欠了
我三个月工资咋个办嘛" asks for help and "欠薪能要利息不" is a question, all about the same wages.
Callers speak Mandarin and Sichuan colloquially, without punctuation and with sentence-final
particles doing the work of a question mark, so the cues below are those forms. Each cue is a
phrase an operator can read; `kind_with_cue` names the one that decided, and the tiers are tried in
order: a caller who says 投诉 is complaining whatever else they ask, one who asks "咋个办" about their
own trouble is asking for help, not for a rule.
"""

import re
import unicodedata

from gonghui.cases.choices import Kind

# Where a clause ends: punctuation, a space (callers' texts often use spaces for commas) or the end.
_END = r"(?=[\s，,。.？?！!；;~～…]|$)"

# "我不是来咨询的，我要投诉" / "我不想投诉哪个，就是想问一下": a denied kind is no cue for it.
_NEGATED = re.compile(r"(不是|不想|不要|不用|并不|没想)(来|要|想)?(咨询|投诉|举报|求助|反映)")

# The kind a caller names, and questions that are reproaches rather than questions ("凭啥子扣我钱").
COMPLAINT_CUES = (
    r"(我|要|想|来)(投诉|举报|告他|告她|告你们)", r"投诉(他|她|这|那|该|某|一下|一家|一个)",
    r"举报(某|这|那|一家|一个|他|她)", r"(要|想|来)反映", r"反映(一下|个|这个)",
    r"凭(啥子?|什么|哪样)", r"为(啥子|什么)(我们|要|就|不|扣|把|只)", r"哪有(这种|这样|这么)",
    r"还有没有(王法|天理)", r"有没有人管", r"欺负人", r"曝光",
)

SUGGESTION_CUES = (
    r"建议", r"希望(工会|能|多|把|在|企业|单位|社保|有关|政府|部门|女职工|工伤|热线|安监|上级|每|以后)",
    r"倡议",
)

# Asking for someone to act in the caller's own trouble: who to turn to, what to do now, a plea.
HELP_CUES = (
    # A plea: 帮帮我们, 帮哈忙, 求求你们, 救急 (not "单位说帮我们交社保").
    r"(?<!说)帮(帮|忙|一下|一哈|哈|下忙|个忙|我|他|她|我们|衬|助|着)", r"求(助|求|你们|工会|帮|指点)",
    r"救(急|救|助)", r"走投无路", r"没(得)?(办法|法)了?", r"实在没", r"急需", r"需要(马上|帮助)",
    r"(交|付|凑)不(起|齐)", r"(撑|过|活)不下去", r"做主", r"出面", r"讨个(说法|公道)",
    # Who to turn to, what to do now: 找哪个要, 咋个办, 咋整, 啷个办, 不晓得该找哪个 (but 可以找哪里
    # 投诉 and 手续怎么办 ask about the rules).
    r"(不知道|不晓得|搞不醒豁|不懂)(该)?(找|咋|怎么|啷个|去哪|哪个|哪里|该)",
    r"(?<!可以)(?<!应该)找(谁|哪个|哪里|哪些)", r"哪个(能|管)", r"该找",
    r"(?<!手续)(?<!卡)(?<!证)(怎么|咋个?|咋|啷个|如何)(办|整|弄|做|活)(?!理)", r"(?<!应)该(咋|怎么|啷个|如何)",
    r"(怎么|咋个?|啷个|如何)(讨|要|拿)回", r"下一步", r"(指点|指导|出个?主意|想想?办法)",
    r"有(没有|没得|啥子?|什么)(其他|别的)?(办法|法子)",
    r"(能不能|可不可以|能否|可以|能)(帮|请|出面|协调|介绍|管)", r"(能不能|能否)给(点|些|个)",
    r"(麻烦|请)(你们|工会|帮)",
    # Asking for the union's own aid (困难帮扶, 送温暖, 助学) for oneself.
    r"申请.{0,4}(困难|补助|救助|帮扶|送温暖|助学)",
)

# Asking how the rules stand: question words, A-not-A questions (合不合法, 算不算, 要得不) and the
# particles that close a yes-no question in speech.
CONSULTATION_CUES = (
    r"请问", r"请教", r"想(问|了解|知道)", r"问(一下|一哈|下|哈|问)", r"(我|想|来)咨询", r"咨询(一下|下)",
    # How something is done: 怎么算, 咋个申请, 啷个转, 手续怎么办.
    r"(怎么|咋个?|啷个|如何)(算|申请|办理|报|补|续|领|转|交|证明|选|加入|入|弄|查|申报|认定|赔|计算|处理)",
    r"(手续|卡|证|证明)(怎么|咋个?|啷个)办", r"(怎么|咋个|啷个)(?!办|整|样|回事|能|可以这样)",
    # A-not-A and its Sichuan forms: 合不合法, 能不能, 有没有, 要得不, 得行不.
    r"(.{1,2})[不没]\1", r"有没(得|有)", r"是不是", r"可不可以|可以不可以", r"要得不", r"得行不", r"行不行",
    r"(合法|合理|合规|正常|有效|有用|算数|对)(吗|不|没得|嘛|哇|喃)" + _END, r"有效没得|有用没得",
    r"算不算|算.{0,8}不" + _END, r"(是|按).{1,12}还是(?![不没])", r"谁(来)?(出|赔|负责|承担)",
    # Question words (not 什么都不给, 十几天, 没过多久, 好多人).
    r"什么(?![都也])", r"啥子(区别|条件|材料|标准|程序|规定|保险|时候|手续)", r"啥时候",
    r"(哪里|哪儿|哪点|在哪|哪些|哪一步|哪个(部门|电话|单位|地方|快|好|为准))", r"(多少|多长|(?<!没过)多久)",
    r"(?<![十这那前好过])几(倍|天|个月|年|级|号|个小时|个钟头)",
    r"(是|有|要|赔|报|扣|交|发|领|补|给|算|能)好多", r"好多(钱|天|个月|倍)?" + _END,
    # Sentence-final particles: 吗, 喃, 哇, and 不 / 没得 closing a yes-no question ("可以不买社保不"),
    # but not 都没有 / 一分没有, which state a lack.
    r"(吗|(?<![什怎])么|呢|喃|哇)" + _END, r"(?<![都也还就分里毛钱啥])(不|没得|没有)" + _END, r"[？?]",
)

TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (Kind.SUGGESTION, SUGGESTION_CUES),
    (Kind.COMPLAINT, COMPLAINT_CUES),
    (Kind.HELP, HELP_CUES),
    (Kind.CONSULTATION, CONSULTATION_CUES),
)


# Backreferences ("(.)[不没]\1") count groups across the whole pattern, so each cue keeps its own.
_TIERS = tuple((kind, tuple(re.compile(c) for c in cues)) for kind, cues in TIERS)


def _clean(text: str) -> str:
    clean = unicodedata.normalize("NFKC", text or "").strip().lower()
    return _NEGATED.sub(" ", clean)


def kind_with_cue(text: str) -> tuple[str, str]:
    """The kind and the words that decided it ("" when none did: a report of a wrong is a complaint)."""
    clean = _clean(text)
    for kind, cues in _TIERS:
        for cue in cues:
            found = cue.search(clean)
            if found:
                return kind, found.group(0).strip()
    return Kind.COMPLAINT, ""  # most 12351 calls report a wrong done to the caller


def suggest_kind(text: str) -> str:
    return kind_with_cue(text)[0]
