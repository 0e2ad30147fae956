"""Fake Vietnamese personal data (faker is not a project dependency).

Sóc Trăng has large Khmer and Hoa communities, so Khmer family names (Thạch,
Sơn, Kim, Danh, Lâm, …) are mixed in. ID numbers follow the 12-digit CCCD
layout (province-of-birth code, sex/century digit, year of birth, 6 digits);
phones use current Vietnamese mobile prefixes. None of it is real.
"""
from __future__ import annotations

import random

FAMILY = (["Nguyễn"] * 30 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 6 + ["Huỳnh"] * 6 + ["Võ"] * 5
          + ["Thạch"] * 5 + ["Lâm"] * 4 + ["Sơn"] * 4 + ["Danh"] * 3 + ["Kim"] * 3 + ["Lý"] * 3
          + ["Phan"] * 3 + ["Trương"] * 2 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"] * 2
          + ["Ngô"] * 2 + ["Dương", "Quách", "Triệu", "Tô", "Châu", "Mai", "Lưu", "Diệp", "Hứa", "Tăng"])
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Hoàng", "Công", "Đức", "Tấn", "Chí"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Hồng", "Bích", "Diễm"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Duy", "Hải", "Hậu", "Hiếu", "Hòa", "Hùng", "Huy", "Khang",
              "Khánh", "Kiệt", "Lâm", "Lộc", "Long", "Luân", "Minh", "Nam", "Nghĩa", "Nhân", "Phát",
              "Phong", "Phúc", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Tân", "Thắng", "Thành", "Thiện",
              "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Việt", "Vinh", "Vũ", "Sóc", "Sa Rươne", "Thol",
              "Sà Rinh", "Chanh Đa", "Sóc Khía", "Dên", "Xuân"]
GIVEN_FEMALE = ["Anh", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
                "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
                "Ngọc", "Nhung", "Nhi", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thi", "Thu", "Thủy",
                "Trang", "Trinh", "Tuyết", "Vân", "Xuân", "Yến", "Sa Quên", "Thia", "Sô Phi", "Chanh Thy"]
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078",
                   "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093",
                   "094", "096", "097", "098"]
# CCCD province-of-birth codes: mostly Sóc Trăng (094), some neighbours.
BIRTH_PROVINCES = ["094"] * 17 + ["092", "093", "095", "079"]


def person_name(rng: random.Random, female: bool) -> str:
    if female:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"


def cccd(rng: random.Random, female: bool, birth_year: int) -> str:
    century = 0 if birth_year < 2000 else 2
    return f"{rng.choice(BIRTH_PROVINCES)}{century + (1 if female else 0)}{birth_year % 100:02d}{rng.randrange(10**6):06d}"


def mobile(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"


class ApplicantPool:
    """A fixed pool of applicants (people come back), drawn with a fast index."""

    def __init__(self, rng: random.Random, size: int):
        self.people: list[tuple[str, str, str]] = []
        for _ in range(size):
            female = rng.random() < 0.52
            year = rng.randint(1945, 2002)
            self.people.append((person_name(rng, female), cccd(rng, female, year), mobile(rng)))
        self.size = size
