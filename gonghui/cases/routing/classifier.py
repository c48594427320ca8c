"""What a caller is asking about: the category (劳动报酬, 工伤 …); the kind (投诉, 咨询 …) is in `kind`.

A multinomial naive Bayes over jieba words, trained once per process from the labelled requests
in `cases/data`, plus keyword rules for the phrases that decide a category on their own (产假 is
女职工权益 whatever else the caller says). The operator always confirms, so a ranked list with
probabilities is more useful than a single answer.
"""

import csv
import logging
import math
import re
import threading
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gonghui.cases.choices import Category

with warnings.catch_warnings():
    # jieba 0.42's regular expressions predate Python's invalid-escape warning.
    warnings.simplefilter("ignore", DeprecationWarning)
    import jieba

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LABELLED_FILE = DATA_DIR / "labelled_requests.csv"
# Statements written apart from the training rows, in the way callers speak; read by the tests only,
# never by training or by the choice of a rule.
HELD_OUT_FILE = DATA_DIR / "heldout_colloquial.csv"
LABOUR_WORDS_FILE = DATA_DIR / "labour_words.txt"
STOP_WORDS_FILE = DATA_DIR / "stop_words.txt"

# Laplace (add-one) smoothing: a word never seen with a category must not veto it.
SMOOTHING = 1.0

# Added to a category's log score when one of its decisive phrases occurs; chosen by 5-fold
# cross-validation on the training rows only (the held-out rows never tune anything). The narrow
# categories get more: "工资" is in half of all calls, so a caller on 产假 pay or 停工留薪 pay would
# otherwise be filed under 劳动报酬.
RULE_BOOST = 4.0
NARROW_RULE_BOOST = 8.0
NARROW_CATEGORIES = frozenset({Category.WORK_INJURY, Category.SAFETY, Category.WOMEN, Category.ORGANIZING})

# Phrases that, on their own, make a category very likely. "工伤(?!保险)": an employer that pays
# only the 工伤保险 is a 社会保险 matter, an injury is not.
CATEGORY_PHRASES: dict[str, tuple[str, ...]] = {
    Category.WAGES: (
        "欠薪", "讨薪", "拖欠.{0,4}(工资|工钱|薪)", "工钱", "加班费", "加班工资", "最低工资", "克扣", "提成",
        "工资.{0,6}(没发|不发|没给|不给)",
    ),
    Category.CONTRACT: (
        "劳动合同", "签合同", "辞退", "开除", "解除", "经济补偿", "试用期", "劳务派遣", "离职证明", "竞业",
        "劳动关系", "违约金", "调岗", "裁员",
    ),
    Category.SOCIAL_INSURANCE: (
        "社保", "五险", "养老保险", "医疗保险", "医保", "失业金", "失业保险", "公积金", "缴费基数", "生育保险",
        "新农合",
    ),
    Category.WORK_INJURY: (
        "工伤(?!保险)", "伤残", "工亡", "劳动能力鉴定", "停工留薪", "尘肺", "(职业病|中毒).{0,4}(诊断|确诊|鉴定|待遇)",
        # How callers say they were hurt: 被机器夹了手, 砸断了腿, 从架子上摔下来.
        "(割|压|砸|摔|烫|扭|撞|轧|夹|绞|扎|烧|刺)(伤|断|穿|瘫)", "骨折", "截肢", "受了?伤", "(摔|掉)下来",
    ),
    Category.SAFETY: (
        "安全帽", "防护", "粉尘", "通风", "消防", "隐患", "安全培训", "口罩", "防毒", "噪音", "漏电", "防暑",
        "安全出口", "劳保", "危险", "安全网", "灭火器", "塔吊", "检修",
    ),
    Category.WOMEN: (
        "怀孕", "孕期", "孕妇", "产假", "哺乳", "产检", "生育津贴", "流产", "三期", "性骚扰", "动手动脚", "妈咪小屋",
        "母婴室", "陪产假", "女职工", "女工",
    ),
    Category.ORGANIZING: (
        "建会", "成立.{0,4}工会", "组建工会", "建工会", "入会", "工会主席", "会籍", "工会经费", "会费", "换届",
        "工会小组",
    ),
    Category.OTHER: (
        "困难职工", "帮扶", "救助", "助学", "送温暖", "疗休养", "技能培训", "驿站", "书屋", "进展", "热线", "互助保障",
        "普惠", "慰问", "回复", "回电话", "办到哪", "哪一步", "反映的(问题|事情)",
    ),
}

def _any_of(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(phrases))


_CATEGORY_RULES = {category: _any_of(phrases) for category, phrases in CATEGORY_PHRASES.items()}

_PUNCTUATION = re.compile(r"[\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class NaiveBayes:
    """A trained multinomial naive Bayes: per word, the log likelihood under each label."""

    labels: tuple[str, ...]
    log_priors: tuple[float, ...]
    word_log_likelihoods: dict[str, tuple[float, ...]]

    @classmethod
    def train(cls, documents: Iterable[tuple[Sequence[str], str]], smoothing: float = SMOOTHING) -> "NaiveBayes":
        word_counts: dict[str, Counter[str]] = defaultdict(Counter)
        label_docs: Counter[str] = Counter()
        for words, label in documents:
            label_docs[label] += 1
            word_counts[label].update(words)
        labels = tuple(sorted(label_docs))
        vocabulary = {w for counts in word_counts.values() for w in counts}
        total_docs = sum(label_docs.values())
        denominators = [sum(word_counts[label].values()) + smoothing * len(vocabulary) for label in labels]
        return cls(
            labels=labels,
            log_priors=tuple(math.log(label_docs[label] / total_docs) for label in labels),
            word_log_likelihoods={
                word: tuple(math.log((word_counts[label][word] + smoothing) / denominators[i])
                            for i, label in enumerate(labels))
                for word in vocabulary
            },
        )

    def log_scores(self, words: Iterable[str]) -> dict[str, float]:
        scores = list(self.log_priors)
        for word in words:
            likelihoods = self.word_log_likelihoods.get(word)
            if likelihoods is None:
                continue  # an unseen word says nothing about any label
            for i, value in enumerate(likelihoods):
                scores[i] += value
        return dict(zip(self.labels, scores, strict=True))


def normalize(text: str) -> str:
    # Callers' text arrives with full-width digits and letters from phone keyboards.
    return unicodedata.normalize("NFKC", text or "").strip().lower()


class _Tokenizer:
    """A jieba tokenizer of our own, so the labour words never change anyone else's segmentation."""

    def __init__(self) -> None:
        jieba.setLogLevel(logging.WARNING)  # jieba prints its dictionary build on every start
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self._jieba.load_userdict(str(LABOUR_WORDS_FILE))
        self.stop_words = frozenset(STOP_WORDS_FILE.read_text(encoding="utf-8").split())

    def words(self, text: str) -> list[str]:
        # HMM off: guessed new words differ between similar sentences and would split the counts.
        words = [
            w for w in self._jieba.lcut(normalize(text), HMM=False)
            if w not in self.stop_words and not _PUNCTUATION.fullmatch(w)
        ]
        # The two-character parts of longer words too: 撞伤了 and 压伤 then share 伤, 月工资 shares 工资.
        return words + [w[i:i + 2] for w in words if len(w) > 2 for i in range(len(w) - 1)]


@dataclass(frozen=True)
class LabelledRequest:
    text: str
    category: str
    kind: str
    split: str


def load_labelled(path: Path = LABELLED_FILE) -> list[LabelledRequest]:
    with path.open(encoding="utf-8", newline="") as f:
        return [LabelledRequest(r["text"], r["category"], r["kind"], r.get("split") or "held_out")
                for r in csv.DictReader(f)]


class CategoryClassifier:
    def __init__(self, tokenizer: _Tokenizer, training: Iterable[LabelledRequest]):
        self.tokenizer = tokenizer
        self.model = NaiveBayes.train((tokenizer.words(r.text), r.category) for r in training)

    def rank(self, text: str) -> list[tuple[str, float]]:
        clean = normalize(text)
        scores = self.model.log_scores(self.tokenizer.words(clean))
        for category, rule in _CATEGORY_RULES.items():
            if category in scores and rule.search(clean):
                scores[category] += NARROW_RULE_BOOST if category in NARROW_CATEGORIES else RULE_BOOST
        return _softmax_ranked(scores)


def _softmax_ranked(scores: dict[str, float]) -> list[tuple[str, float]]:
    top = max(scores.values())
    weights = {label: math.exp(score - top) for label, score in scores.items()}
    total = sum(weights.values())
    return sorted(((label, w / total) for label, w in weights.items()), key=lambda pair: (-pair[1], pair[0]))


_lock = threading.Lock()
_classifier: CategoryClassifier | None = None


def classifier() -> CategoryClassifier:
    """The process-wide classifier, trained on first use (about a second, mostly jieba's dictionary)."""
    global _classifier
    if _classifier is None:
        with _lock:
            if _classifier is None:
                training = [r for r in load_labelled() if r.split == "train"]
                _classifier = CategoryClassifier(_Tokenizer(), training)
    return _classifier


def suggest_category(text: str) -> list[tuple[str, float]]:
    """Every category, most likely first, with its probability; an empty text ranks by prior alone."""
    return classifier().rank(text)
