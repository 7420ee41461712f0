# Reference figures for CalibrationTest, computed with scikit-learn.
import numpy as np, sklearn
from sklearn.calibration import _sigmoid_calibration
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import roc_auc_score, precision_recall_curve, auc
rng = np.random.RandomState(7)
n = 40
y = (rng.rand(n) < 0.4).astype(int)
s = np.clip(0.2 * y + 0.6 * rng.rand(n) + 0.05, 0, 1).round(1)
print("sklearn", sklearn.__version__)
print("scores", ", ".join(repr(float(v)) for v in s))
print("labels", ", ".join(str(int(v)) for v in y))
a, b = _sigmoid_calibration(s, y)
print("platt a b", repr(float(a)), repr(float(b)))
iso = IsotonicRegression(out_of_bounds="clip").fit(s, y)
q = [0.0, 0.1, 0.2, 0.33, 0.41, 0.5, 0.61, 0.77, 0.9, 1.0]
print("iso at", q, [repr(float(v)) for v in iso.predict(q)])
print("auroc", repr(float(roc_auc_score(y, s))))
p, r, _ = precision_recall_curve(y, s)
print("auprc", repr(float(auc(r, p))))
