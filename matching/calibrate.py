"""Numpy logistic regression and threshold search for the answer / suggest decision."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Logistic:
    """A standardised, L2-regularised logistic model fitted by Newton steps."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, l2: float = 1.0) -> "Logistic":
        """Fit on features x (n, d), labels y in {0,1}, optional sample weights."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        w = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=np.float64)
        mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
        z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
        beta = np.zeros(z.shape[1])
        reg = np.full(z.shape[1], l2)
        reg[-1] = 0.0
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
            grad = z.T @ (w * (p - y)) + reg * beta
            hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
            step = np.linalg.solve(hess, grad)
            beta -= step
            if np.abs(step).max() < 1e-7:
                break
        return cls(mean, scale, beta[:-1], float(beta[-1]))

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for rows of x."""
        return ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.bias

    def prob(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for rows of x."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logit(x), -30, 30)))


def answer_threshold(conf: np.ndarray, correct: np.ndarray, weight: np.ndarray, max_wrong: float) -> float:
    """Lowest confidence threshold whose weighted wrong-answer share stays within max_wrong."""
    order = np.argsort(-conf)
    conf, correct, weight = conf[order], correct[order], weight[order]
    wrong_share = np.cumsum(weight * (1 - correct)) / weight.sum()
    first_bad = np.nonzero(wrong_share > max_wrong)[0]
    last = first_bad[0] - 1 if len(first_bad) else len(conf) - 1
    if last < 0:
        return float("inf")
    nxt = conf[last + 1] if last + 1 < len(conf) else conf[last] - 1e-6
    return float((conf[last] + nxt) / 2)
