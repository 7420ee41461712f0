# Writes the exam lists ExamListImporterTest reads, as the NYU mammography meta-repository's README
# describes them (a pickled list of dicts). Run: python3 make_exam_lists.py
import pickle

exams = [
    {'L-CC': ['0_L_CC'], 'R-CC': ['0_R_CC'], 'L-MLO': ['0_L_MLO'], 'R-MLO': ['0_R_MLO'],
     'cancer_label': {'left_malignant': 0, 'right_malignant': 1, 'left_benign': 0, 'right_benign': 0},
     'horizontal_flip': 'NO'},
    {'L-CC': ['1_L_CC'], 'R-CC': [], 'L-MLO': ['1_L_MLO'], 'R-MLO': [],
     'cancer_label': {'left_malignant': 1, 'right_malignant': 0}, 'horizontal_flip': 'NO'},
    {'L-CC': ['2_L_CC'], 'cancer_label': {'left_malignant': 2, 'right_malignant': 0}},
    {'R-CC': ['3_missing'], 'cancer_label': {'left_malignant': 0, 'right_malignant': 0}},
]
with open('data-protocol4.pkl', 'wb') as f:
    pickle.dump(exams, f, protocol=4)
with open('data-protocol2.pkl', 'wb') as f:
    pickle.dump(exams, f, protocol=2)
with open('not-a-list.pkl', 'wb') as f:
    pickle.dump({'exams': exams}, f, protocol=4)
