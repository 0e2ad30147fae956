"""catalogue/: procedure snapshots (danh mục TTHC) and publication decisions.

The set of procedures in force in the snapshot of 10/06/2020 (the latest on or
before 14/06/2020) has exactly the seed's composition (targets.py): 1.827 in
force (1.431 cấp tỉnh, 269 cấp huyện, 127 cấp xã), online level 3/4 = 571/193,
all others level 2, 107 liên thông (67/37/3). The decisions signed in
2019-12-15 … 2020-06-14 are 32 with 267 rows (131 MOI, 5 SUA_DOI, 131 BAI_BO)
and act on the catalogue: the 131 new procedures are in force from their
decision day, the 131 abolished ones were in force before it and are BAI_BO
after. Decisions before and after the period change the other snapshots, so a
reader that picks the wrong snapshot or the wrong date range gets other numbers.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .targets import (CATALOGUE_SNAPSHOTS, IN_FORCE_BY_LEVEL, LIEN_THONG_COUNTS, ONE_STOP_EXCEPTIONS,
                      ONLINE_LEVEL_COUNTS, PERIOD_DECISIONS, PERIOD_FROM, PERIOD_PUBLISHED, PERIOD_TO)

D = dt.date

# field code, field name, levels, department (TINH), district office (HUYEN), objects of its procedures
FIELDS = [
    ("HO_TICH", "Hộ tịch", "THX", "TU_PHAP", "TU_PHAP", ["việc nuôi con nuôi", "hộ tịch có yếu tố nước ngoài", "việc ghi vào sổ hộ tịch việc hộ tịch của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "giám hộ", "việc nhận cha, mẹ, con", "khai sinh cho trẻ em bị bỏ rơi"]),
    ("CHUNG_THUC", "Chứng thực", "HX", None, "TU_PHAP", ["bản sao từ bản chính giấy tờ, văn bản", "chữ ký người dịch", "hợp đồng, giao dịch liên quan đến tài sản", "di chúc", "văn bản khai nhận di sản", "văn bản từ chối nhận di sản"]),
    ("LY_LICH_TP", "Lý lịch tư pháp", "T", "TU_PHAP", None, ["Phiếu lý lịch tư pháp", "thông tin lý lịch tư pháp bổ sung", "Phiếu lý lịch tư pháp số 2"]),
    ("CONG_CHUNG", "Công chứng", "T", "TU_PHAP", None, ["văn phòng công chứng", "công chứng viên", "thẻ công chứng viên", "hoạt động văn phòng công chứng"]),
    ("LUAT_SU", "Luật sư", "T", "TU_PHAP", None, ["tổ chức hành nghề luật sư", "chi nhánh của tổ chức hành nghề luật sư", "luật sư hành nghề với tư cách cá nhân"]),
    ("DAU_GIA", "Đấu giá tài sản", "T", "TU_PHAP", None, ["doanh nghiệp đấu giá tài sản", "Thẻ đấu giá viên", "chi nhánh doanh nghiệp đấu giá tài sản"]),
    ("GIAM_DINH_TP", "Giám định tư pháp", "T", "TU_PHAP", None, ["giám định viên tư pháp", "văn phòng giám định tư pháp"]),
    ("TRO_GIUP_PL", "Trợ giúp pháp lý", "T", "TU_PHAP", None, ["trợ giúp viên pháp lý", "tổ chức tham gia trợ giúp pháp lý", "thẻ cộng tác viên trợ giúp pháp lý"]),
    ("QUOC_TICH", "Quốc tịch", "T", "TU_PHAP", None, ["nhập quốc tịch Việt Nam", "trở lại quốc tịch Việt Nam", "thôi quốc tịch Việt Nam", "xác nhận có quốc tịch Việt Nam"]),
    ("DKKD", "Thành lập và hoạt động của doanh nghiệp", "T", "KH_DT", None, ["doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn một thành viên", "công ty trách nhiệm hữu hạn hai thành viên trở lên", "công ty cổ phần", "công ty hợp danh", "chi nhánh, văn phòng đại diện", "địa điểm kinh doanh"]),
    ("HO_KINH_DOANH", "Thành lập và hoạt động của hộ kinh doanh", "H", None, "TC_KH", ["hộ kinh doanh"]),
    ("HTX", "Thành lập và hoạt động của hợp tác xã", "TH", "KH_DT", "TC_KH", ["hợp tác xã", "liên hiệp hợp tác xã", "chi nhánh, văn phòng đại diện của hợp tác xã"]),
    ("DAU_TU", "Đầu tư tại Việt Nam", "T", "KH_DT", None, ["Giấy chứng nhận đăng ký đầu tư", "quyết định chủ trương đầu tư", "dự án đầu tư", "văn phòng điều hành của nhà đầu tư nước ngoài"]),
    ("DAU_THAU", "Đấu thầu", "T", "KH_DT", None, ["kế hoạch lựa chọn nhà thầu", "hồ sơ mời thầu"]),
    ("DAT_DAI", "Đất đai", "THX", "TNMT", "TNMT", ["Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", "quyền sử dụng đất", "biến động quyền sử dụng đất", "thế chấp quyền sử dụng đất", "thửa đất", "hạn chế quyền sử dụng đất"]),
    ("MOI_TRUONG", "Môi trường", "THX", "TNMT", "TNMT", ["báo cáo đánh giá tác động môi trường", "kế hoạch bảo vệ môi trường", "giấy xác nhận hoàn thành công trình bảo vệ môi trường", "sổ đăng ký chủ nguồn thải chất thải nguy hại", "phương án cải tạo, phục hồi môi trường"]),
    ("TAI_NGUYEN_NUOC", "Tài nguyên nước", "T", "TNMT", None, ["giấy phép khai thác, sử dụng nước mặt", "giấy phép khai thác, sử dụng nước dưới đất", "giấy phép xả nước thải vào nguồn nước", "giấy phép thăm dò nước dưới đất"]),
    ("KHOANG_SAN", "Địa chất và khoáng sản", "T", "TNMT", None, ["giấy phép khai thác khoáng sản", "giấy phép thăm dò khoáng sản", "đề án đóng cửa mỏ khoáng sản"]),
    ("DO_DAC", "Đo đạc, bản đồ và thông tin địa lý", "T", "TNMT", None, ["giấy phép hoạt động đo đạc và bản đồ", "thông tin, dữ liệu, sản phẩm đo đạc và bản đồ"]),
    ("BIEN_HAI_DAO", "Biển và hải đảo", "T", "TNMT", None, ["khu vực biển", "quyết định giao khu vực biển"]),
    ("DUONG_BO", "Đường bộ", "T", "GTVT", None, ["giấy phép lái xe", "giấy phép kinh doanh vận tải bằng xe ô tô", "phù hiệu xe ô tô kinh doanh vận tải", "giấy phép liên vận", "giấy phép thi công công trình trên đường bộ đang khai thác", "giấy phép xe tập lái", "giấy phép đào tạo lái xe ô tô"]),
    ("DUONG_THUY", "Đường thủy nội địa", "TH", "GTVT", "KT_HT", ["phương tiện thủy nội địa", "bến thủy nội địa", "giấy chứng nhận khả năng chuyên môn thuyền trưởng, máy trưởng"]),
    ("XAY_DUNG", "Hoạt động xây dựng", "TH", "XAY_DUNG", "KT_HT", ["giấy phép xây dựng", "chứng chỉ hành nghề hoạt động xây dựng", "chứng chỉ năng lực hoạt động xây dựng", "báo cáo nghiên cứu khả thi đầu tư xây dựng", "thiết kế xây dựng triển khai sau thiết kế cơ sở"]),
    ("NHA_O", "Nhà ở", "TH", "XAY_DUNG", "KT_HT", ["nhà ở xã hội", "nhà ở thuộc sở hữu nhà nước", "chủ trương đầu tư dự án xây dựng nhà ở"]),
    ("KINH_DOANH_BDS", "Kinh doanh bất động sản", "T", "XAY_DUNG", None, ["chứng chỉ hành nghề môi giới bất động sản", "chuyển nhượng dự án bất động sản"]),
    ("QUY_HOACH_XD", "Quy hoạch xây dựng, kiến trúc", "TH", "XAY_DUNG", "KT_HT", ["nhiệm vụ quy hoạch chi tiết", "đồ án quy hoạch chi tiết", "giấy phép quy hoạch", "chứng chỉ quy hoạch"]),
    ("LUU_THONG_HH", "Lưu thông hàng hóa trong nước", "TH", "CONG_THUONG", "NONG_NGHIEP", ["giấy phép kinh doanh bán buôn sản phẩm rượu", "giấy phép bán lẻ sản phẩm rượu", "giấy phép bán lẻ sản phẩm thuốc lá", "giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu", "giấy chứng nhận đủ điều kiện thương nhân kinh doanh khí"]),
    ("ATTP", "An toàn thực phẩm", "TH", "CONG_THUONG", "Y_TE", ["giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "xác nhận kiến thức về an toàn thực phẩm", "bản tự công bố sản phẩm thực phẩm"]),
    ("DIEN", "Điện", "T", "CONG_THUONG", None, ["giấy phép hoạt động điện lực", "thẻ an toàn điện", "giấy phép tư vấn đầu tư xây dựng điện"]),
    ("HOA_CHAT", "Hóa chất", "T", "CONG_THUONG", None, ["giấy chứng nhận đủ điều kiện sản xuất hóa chất", "giấy chứng nhận đủ điều kiện kinh doanh hóa chất", "kế hoạch phòng ngừa, ứng phó sự cố hóa chất"]),
    ("XUC_TIEN_TM", "Xúc tiến thương mại", "T", "CONG_THUONG", None, ["chương trình khuyến mại", "hội chợ, triển lãm thương mại", "văn phòng đại diện của thương nhân nước ngoài"]),
    ("THUY_SAN", "Thủy sản", "T", "NONG_NGHIEP", None, ["giấy phép khai thác thủy sản", "tàu cá", "giấy chứng nhận cơ sở đủ điều kiện nuôi trồng thủy sản", "giấy xác nhận đăng ký nuôi trồng thủy sản lồng bè"]),
    ("TRONG_TROT", "Trồng trọt và Bảo vệ thực vật", "T", "NONG_NGHIEP", None, ["giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", "giấy chứng nhận kiểm dịch thực vật", "giấy chứng nhận đủ điều kiện sản xuất phân bón"]),
    ("THU_Y", "Thú y và Chăn nuôi", "TH", "NONG_NGHIEP", "NONG_NGHIEP", ["giấy chứng nhận kiểm dịch động vật", "chứng chỉ hành nghề thú y", "giấy chứng nhận đủ điều kiện chăn nuôi", "giấy chứng nhận cơ sở an toàn dịch bệnh động vật"]),
    ("LAM_NGHIEP", "Lâm nghiệp", "THX", "NONG_NGHIEP", "NONG_NGHIEP", ["phương án khai thác gỗ rừng trồng", "bảng kê lâm sản", "phương án quản lý rừng bền vững"]),
    ("THUY_LOI", "Thủy lợi", "THX", "NONG_NGHIEP", "NONG_NGHIEP", ["giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi", "phương án bảo vệ công trình thủy lợi"]),
    ("PTNT", "Kinh tế hợp tác và Phát triển nông thôn", "TH", "NONG_NGHIEP", "NONG_NGHIEP", ["trang trại", "dự án liên kết sản xuất gắn với tiêu thụ sản phẩm", "làng nghề"]),
    ("QLCL_NLTS", "Quản lý chất lượng nông lâm sản và thủy sản", "T", "NONG_NGHIEP", None, ["giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông lâm thủy sản", "giấy xác nhận nguồn gốc nguyên liệu thủy sản"]),
    ("KCB", "Khám bệnh, chữa bệnh", "T", "Y_TE", None, ["chứng chỉ hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động khám bệnh, chữa bệnh", "phòng khám chuyên khoa", "phòng khám đa khoa"]),
    ("DUOC", "Dược phẩm", "T", "Y_TE", None, ["chứng chỉ hành nghề dược", "giấy chứng nhận đủ điều kiện kinh doanh dược", "giấy xác nhận nội dung quảng cáo thuốc"]),
    ("Y_TE_DU_PHONG", "Y tế dự phòng", "TH", "Y_TE", "Y_TE", ["cơ sở xét nghiệm đạt tiêu chuẩn an toàn sinh học", "cơ sở tiêm chủng", "giấy chứng nhận đủ điều kiện dịch vụ diệt côn trùng"]),
    ("TTB_Y_TE", "Trang thiết bị y tế và Mỹ phẩm", "T", "Y_TE", None, ["phiếu công bố sản phẩm mỹ phẩm", "phiếu tiếp nhận hồ sơ công bố tiêu chuẩn áp dụng trang thiết bị y tế"]),
    ("GIAO_DUC", "Giáo dục và Đào tạo", "THX", "GDDT", "GDDT", ["trường trung học phổ thông", "trường trung học cơ sở", "trường tiểu học", "trường mầm non", "trung tâm ngoại ngữ, tin học", "hoạt động dạy thêm, học thêm", "nhóm trẻ, lớp mẫu giáo độc lập"]),
    ("VAN_BANG", "Văn bằng, chứng chỉ", "TH", "GDDT", "GDDT", ["bản sao văn bằng, chứng chỉ từ sổ gốc", "nội dung văn bằng, chứng chỉ", "văn bằng do cơ sở giáo dục nước ngoài cấp"]),
    ("THI_TUYEN_SINH", "Thi, tuyển sinh", "T", "GDDT", None, ["phúc khảo bài thi trung học phổ thông", "đặc cách tốt nghiệp trung học phổ thông", "chuyển trường đối với học sinh trung học phổ thông"]),
    ("VIEC_LAM", "Việc làm", "T", "LDTBXH", None, ["trợ cấp thất nghiệp", "giấy phép lao động cho người nước ngoài", "giấy phép hoạt động dịch vụ việc làm", "hỗ trợ học nghề"]),
    ("LAO_DONG", "Lao động, tiền lương và An toàn, vệ sinh lao động", "T", "LDTBXH", None, ["nội quy lao động", "thỏa ước lao động tập thể", "giấy phép hoạt động cho thuê lại lao động", "hợp đồng cung ứng lao động"]),
    ("GDNN", "Giáo dục nghề nghiệp", "T", "LDTBXH", None, ["giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp", "trung tâm giáo dục nghề nghiệp"]),
    ("NGUOI_CO_CONG", "Người có công", "THX", "LDTBXH", "LDTBXH", ["trợ cấp hàng tháng đối với thân nhân liệt sĩ", "chế độ ưu đãi đối với thương binh", "trợ cấp một lần đối với người hoạt động kháng chiến", "Bằng Tổ quốc ghi công", "giấy chứng nhận thương binh"]),
    ("BAO_TRO_XH", "Bảo trợ xã hội", "THX", "LDTBXH", "LDTBXH", ["trợ cấp xã hội hàng tháng", "hỗ trợ chi phí mai táng", "cơ sở trợ giúp xã hội", "hộ nghèo, hộ cận nghèo"]),
    ("TRE_EM", "Trẻ em", "THX", "LDTBXH", "LDTBXH", ["chăm sóc thay thế cho trẻ em", "hỗ trợ trẻ em có hoàn cảnh đặc biệt"]),
    ("PCTNXH", "Phòng, chống tệ nạn xã hội", "THX", "LDTBXH", "LDTBXH", ["cai nghiện ma túy tự nguyện", "cơ sở cai nghiện ma túy"]),
    ("VAN_HOA_CS", "Văn hóa cơ sở", "THX", "VHTTDL", "VHTT", ["giấy phép kinh doanh karaoke", "giấy phép kinh doanh vũ trường", "danh hiệu Gia đình văn hóa", "lễ hội", "câu lạc bộ văn hóa"]),
    ("DI_SAN", "Di sản văn hóa", "T", "VHTTDL", None, ["di tích cấp tỉnh", "giấy phép khai quật khảo cổ", "bảo tàng ngoài công lập"]),
    ("NGHE_THUAT", "Nghệ thuật biểu diễn", "T", "VHTTDL", None, ["giấy phép tổ chức biểu diễn nghệ thuật", "cuộc thi người đẹp, người mẫu", "giấy phép phổ biến bản ghi âm, ghi hình"]),
    ("THE_THAO", "Thể dục thể thao", "T", "VHTTDL", None, ["giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "giải thi đấu thể thao", "câu lạc bộ thể thao chuyên nghiệp"]),
    ("DU_LICH", "Du lịch", "T", "VHTTDL", None, ["giấy phép kinh doanh dịch vụ lữ hành nội địa", "thẻ hướng dẫn viên du lịch", "cơ sở lưu trú du lịch", "điểm du lịch"]),
    ("GIA_DINH", "Gia đình", "TH", "VHTTDL", "VHTT", ["cơ sở hỗ trợ nạn nhân bạo lực gia đình", "cơ sở tư vấn về phòng, chống bạo lực gia đình"]),
    ("BAO_CHI", "Báo chí", "T", "TTTT", None, ["giấy phép xuất bản bản tin", "giấy phép xuất bản đặc san", "văn phòng đại diện cơ quan báo chí"]),
    ("XUAT_BAN", "Xuất bản, In và Phát hành", "T", "TTTT", None, ["giấy phép hoạt động in", "giấy phép xuất bản tài liệu không kinh doanh", "giấy xác nhận đăng ký hoạt động phát hành xuất bản phẩm", "giấy phép nhập khẩu xuất bản phẩm"]),
    ("PTTH_TTDT", "Phát thanh, truyền hình và thông tin điện tử", "T", "TTTT", None, ["giấy phép thiết lập trang thông tin điện tử tổng hợp", "giấy chứng nhận đăng ký cung cấp trò chơi điện tử G1", "giấy chứng nhận đủ điều kiện điểm cung cấp dịch vụ trò chơi điện tử công cộng"]),
    ("BUU_CHINH", "Bưu chính và Viễn thông", "T", "TTTT", None, ["giấy phép bưu chính", "văn bản xác nhận thông báo hoạt động bưu chính"]),
    ("TO_CHUC_BM", "Tổ chức hành chính, đơn vị sự nghiệp công lập", "TH", "NOI_VU", "NOI_VU", ["đơn vị sự nghiệp công lập", "tổ chức hành chính", "đề án vị trí việc làm"]),
    ("CONG_CHUC_VC", "Công chức, viên chức", "TH", "NOI_VU", "NOI_VU", ["tuyển dụng công chức", "tuyển dụng viên chức", "thi nâng ngạch công chức", "xét thăng hạng chức danh nghề nghiệp viên chức", "tiếp nhận vào làm công chức"]),
    ("TO_CHUC_PCP", "Tổ chức phi chính phủ", "TH", "NOI_VU", "NOI_VU", ["hội", "quỹ xã hội, quỹ từ thiện", "điều lệ hội"]),
    ("VAN_THU", "Văn thư và Lưu trữ nhà nước", "T", "NOI_VU", None, ["chứng chỉ hành nghề lưu trữ", "tài liệu lưu trữ"]),
    ("THI_DUA", "Thi đua, khen thưởng", "THX", "NOI_VU", "NOI_VU", ["danh hiệu Chiến sĩ thi đua", "Bằng khen của Chủ tịch UBND", "danh hiệu Tập thể lao động xuất sắc", "Giấy khen", "khen thưởng đột xuất"]),
    ("TON_GIAO", "Tôn giáo Chính phủ", "THX", "NOI_VU", "NOI_VU", ["hoạt động tín ngưỡng", "người được phong phẩm, bổ nhiệm, bầu cử, suy cử", "tổ chức quyên góp", "hội nghị thường niên của tổ chức tôn giáo", "sinh hoạt tôn giáo tập trung"]),
    ("QL_CONG_SAN", "Quản lý công sản", "TH", "TAI_CHINH", "TC_KH", ["tài sản công", "phương án sắp xếp lại, xử lý nhà, đất", "tài sản được xác lập quyền sở hữu toàn dân"]),
    ("QL_GIA", "Quản lý giá", "T", "TAI_CHINH", None, ["phương án giá", "hiệp thương giá", "kê khai giá"]),
    ("TIN_HOC_TK", "Tin học - Thống kê", "T", "TAI_CHINH", None, ["mã số đơn vị có quan hệ với ngân sách"]),
    ("KHCN", "Hoạt động khoa học và công nghệ", "T", "KHCN", None, ["giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", "nhiệm vụ khoa học và công nghệ", "kết quả thực hiện nhiệm vụ khoa học và công nghệ", "giải thưởng khoa học và công nghệ"]),
    ("TDC", "Tiêu chuẩn, Đo lường, Chất lượng", "T", "KHCN", None, ["hợp chuẩn, hợp quy", "phương tiện đo nhóm 2", "giải thưởng chất lượng quốc gia"]),
    ("BUC_XA", "An toàn bức xạ và hạt nhân", "T", "KHCN", None, ["giấy phép tiến hành công việc bức xạ", "chứng chỉ nhân viên bức xạ"]),
    ("SHTT", "Sở hữu trí tuệ và Chuyển giao công nghệ", "T", "KHCN", None, ["hợp đồng chuyển giao công nghệ", "dự án sử dụng ngân sách nhà nước về sở hữu trí tuệ"]),
    ("TIEP_CD", "Tiếp công dân", "THX", "THANH_TRA", "THANH_TRA", ["tiếp công dân"]),
    ("KHIEU_NAI", "Giải quyết khiếu nại", "THX", "THANH_TRA", "THANH_TRA", ["khiếu nại lần đầu", "khiếu nại lần hai"]),
    ("TO_CAO", "Giải quyết tố cáo", "THX", "THANH_TRA", "THANH_TRA", ["tố cáo"]),
    ("PCTN", "Phòng, chống tham nhũng", "TH", "THANH_TRA", "THANH_TRA", ["kê khai tài sản, thu nhập", "xác minh tài sản, thu nhập"]),
    ("DAN_TOC", "Công tác dân tộc", "THX", "DAN_TOC", "VP", ["người có uy tín trong đồng bào dân tộc thiểu số", "hỗ trợ đất ở, nhà ở cho đồng bào dân tộc thiểu số", "học sinh dân tộc thiểu số"]),
    ("KCN", "Quản lý khu công nghiệp", "T", "BQL_KCN", None, ["giấy chứng nhận đăng ký đầu tư trong khu công nghiệp", "giấy phép lao động trong khu công nghiệp", "giấy chứng nhận xuất xứ hàng hóa", "nội quy lao động trong khu công nghiệp"]),
    ("HOA_GIAI", "Hòa giải cơ sở và Phổ biến giáo dục pháp luật", "HX", None, "TU_PHAP", ["hòa giải viên", "tổ hòa giải", "xã đạt chuẩn tiếp cận pháp luật"]),
    ("BOI_THUONG", "Bồi thường nhà nước", "THX", "TU_PHAP", "TU_PHAP", ["yêu cầu bồi thường nhà nước", "chi trả tiền bồi thường"]),
]
FIELD_NAME = {f[0]: f[1] for f in FIELDS}
VERBS = ["Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Thu hồi", "Công nhận", "Thẩm định", "Đăng ký",
         "Thông báo", "Phê duyệt", "Xác nhận", "Giải thể", "Sửa đổi, bổ sung", "Chấm dứt", "Tạm ngừng"]
QUALIFIERS = ["", " đối với tổ chức", " đối với cá nhân", " (trường hợp bị mất, hư hỏng)", " thuộc thẩm quyền cấp tỉnh",
              " có yếu tố nước ngoài"]

# The procedures that carry most of the dossier volume, with their real names and legal times:
# level, field, name, thoi_han_ngay, weight (share of the level's dossiers), muc_do, lien_thong, with payment step
POPULAR = [
    ("XA", "CHUNG_THUC", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận", 1, 30, 2, "KHONG", False),
    ("XA", "CHUNG_THUC", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)", 1, 9, 2, "KHONG", False),
    ("XA", "CHUNG_THUC", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", 2, 6, 2, "KHONG", False),
    ("XA", "HO_TICH", "Đăng ký khai sinh", 1, 11, 2, "KHONG", False),
    ("XA", "HO_TICH", "Đăng ký kết hôn", 3, 3, 3, "KHONG", False),
    ("XA", "HO_TICH", "Đăng ký khai tử", 1, 4, 3, "KHONG", False),
    ("XA", "HO_TICH", "Cấp Giấy xác nhận tình trạng hôn nhân", 3, 6, 3, "KHONG", False),
    ("XA", "HO_TICH", "Cấp bản sao Trích lục hộ tịch", 1, 5, 3, "KHONG", False),
    ("XA", "HO_TICH", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", 3, 2, 3, "KHONG", False),
    ("XA", "HO_TICH", "Đăng ký nhận cha, mẹ, con", 3, 0.6, 2, "KHONG", False),
    ("XA", "HO_TICH", "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", 5, 2, 2, "NHOM", False),
    ("XA", "HO_TICH", "Liên thông thủ tục hành chính về đăng ký khai sinh, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", 5, 1, 2, "NHOM", False),
    ("XA", "HO_TICH", "Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất/hỗ trợ chi phí mai táng/hưởng mai táng phí", 5, 0.7, 2, "NHOM", False),
    ("XA", "BAO_TRO_XH", "Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình", 5, 1, 2, "KHONG", False),
    ("XA", "DAT_DAI", "Hòa giải tranh chấp đất đai", None, 0.4, 2, "KHONG", False),
    ("XA", "TON_GIAO", "Đăng ký hoạt động tín ngưỡng", 15, 0.1, 2, "KHONG", False),
    ("HUYEN", "DAT_DAI", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế", 10, 10, 2, "GIUA_CAC_CAP", True),
    ("HUYEN", "DAT_DAI", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu", 30, 3, 2, "GIUA_CAC_CAP", True),
    ("HUYEN", "DAT_DAI", "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân", 15, 2, 2, "KHONG", True),
    ("HUYEN", "DAT_DAI", "Tách thửa hoặc hợp thửa đất", 15, 2, 2, "KHONG", False),
    ("HUYEN", "DAT_DAI", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", 7, 2, 2, "KHONG", False),
    ("HUYEN", "DAT_DAI", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 1, 5, 3, "KHONG", False),
    ("HUYEN", "DAT_DAI", "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 1, 4, 3, "KHONG", False),
    ("HUYEN", "HO_KINH_DOANH", "Đăng ký thành lập hộ kinh doanh", 3, 3, 3, "KHONG", False),
    ("HUYEN", "HO_KINH_DOANH", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, 1, 3, "KHONG", False),
    ("HUYEN", "XAY_DUNG", "Cấp giấy phép xây dựng mới đối với công trình nhà ở riêng lẻ", 15, 1.5, 3, "KHONG", False),
    ("HUYEN", "CHUNG_THUC", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của nước ngoài cấp", 1, 2, 2, "KHONG", False),
    ("HUYEN", "HO_TICH", "Đăng ký kết hôn có yếu tố nước ngoài", 15, 0.2, 2, "KHONG", False),
    ("HUYEN", "ATTP", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm", 15, 0.3, 3, "KHONG", False),
    ("HUYEN", "LUU_THONG_HH", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", 15, 0.2, 3, "KHONG", False),
    ("HUYEN", "BAO_TRO_XH", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng", 20, 1, 2, "KHONG", False),
    ("HUYEN", "KHIEU_NAI", "Giải quyết khiếu nại lần đầu tại cấp huyện", None, 0.1, 2, "KHONG", False),
    ("TINH", "DUONG_BO", "Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp", 5, 12, 4, "KHONG", True),
    ("TINH", "DUONG_BO", "Cấp lại Giấy phép lái xe", 10, 1, 3, "KHONG", True),
    ("TINH", "DUONG_BO", "Cấp phù hiệu xe ô tô kinh doanh vận tải", 2, 2, 4, "KHONG", False),
    ("TINH", "DUONG_BO", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", 5, 0.3, 4, "KHONG", False),
    ("TINH", "LY_LICH_TP", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", 10, 4, 3, "GIUA_CAC_CAP", True),
    ("TINH", "DKKD", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", 3, 1.2, 4, "CUNG_CAP", False),
    ("TINH", "DKKD", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", 3, 2.5, 4, "KHONG", False),
    ("TINH", "DKKD", "Thông báo thay đổi nội dung đăng ký doanh nghiệp", 3, 1, 4, "KHONG", False),
    ("TINH", "DKKD", "Đăng ký thành lập doanh nghiệp tư nhân", 3, 0.6, 4, "CUNG_CAP", False),
    ("TINH", "VIEC_LAM", "Giải quyết hưởng trợ cấp thất nghiệp", 20, 2.5, 3, "KHONG", False),
    ("TINH", "VIEC_LAM", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", 5, 0.2, 3, "KHONG", False),
    ("TINH", "DUOC", "Cấp Chứng chỉ hành nghề dược", 20, 0.4, 3, "KHONG", True),
    ("TINH", "DAT_DAI", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất cho tổ chức", 10, 0.8, 2, "KHONG", True),
    ("TINH", "DAT_DAI", "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất cho tổ chức", 20, 0.3, 2, "KHONG", True),
    ("TINH", "MOI_TRUONG", "Thẩm định, phê duyệt báo cáo đánh giá tác động môi trường", 30, 0.1, 2, "KHONG", False),
    ("TINH", "XAY_DUNG", "Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III", 20, 0.4, 3, "KHONG", False),
    ("TINH", "XAY_DUNG", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", 20, 0.2, 3, "KHONG", False),
    ("TINH", "VAN_BANG", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 1, 0.8, 3, "KHONG", False),
    ("TINH", "THU_Y", "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh", 1, 0.4, 3, "KHONG", False),
    ("TINH", "NGUOI_CO_CONG", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 15, 0.3, 2, "KHONG", False),
    ("TINH", "XUAT_BAN", "Cấp giấy phép hoạt động in xuất bản phẩm", 7, 0.05, 3, "KHONG", False),
    ("TINH", "KCB", "Cấp chứng chỉ hành nghề đối với người Việt Nam thuộc thẩm quyền của Sở Y tế", 30, 0.3, 3, "KHONG", False),
    ("TINH", "DAU_TU", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện quyết định chủ trương đầu tư", 15, 0.05, 3, "GIUA_CAC_CAP", False),
]
LEVEL_SHARE = {"TINH": 0.29, "HUYEN": 0.33, "XA": 0.38}   # share of dossiers by level
TAIL_SHARE = 0.06                                       # share of a level's dossiers on the long tail
TIME_CHOICES = [1, 2, 3, 5, 5, 7, 10, 10, 15, 15, 20, 20, 30, 45]


@dataclass
class Procedure:
    code: str
    name: str
    field: str
    cap: str
    agency: str | None           # department key (TINH) or district office key (HUYEN)
    muc_do: int
    lien_thong: str
    mot_cua: str
    days: int | None
    intro: dt.date | None        # first day in force (None: long before the data)
    abolished: dt.date | None = None
    amended: dt.date | None = None
    amended_days: int | None = None
    weight: float = 0.0          # share of dossiers (pool only)
    payment: bool = False
    in_pool: bool = False        # used by dossiers: in force and unchanged in every snapshot
    popular: bool = False


@dataclass
class Decision:
    number: str
    day: dt.date
    rows: list[tuple[str, str]]   # (ma_tthc, loai)


@dataclass
class Catalogue:
    procedures: list[Procedure]
    decisions: list[Decision]

    def snapshot_rows(self, day: dt.date, departments: dict[str, str]) -> list[dict]:
        rows = []
        for p in self.procedures:
            if p.intro is not None and p.intro > day:
                continue
            status = "BAI_BO" if p.abolished is not None and p.abolished <= day else "CON_HIEU_LUC"
            days = p.amended_days if p.amended is not None and p.amended <= day else p.days
            muc_do = p.muc_do
            if p.name == "Đăng ký khai sinh" and day >= dt.date(2020, 7, 1):
                muc_do = 3   # upgraded from level 2 to 3 after the seed report (section 2.2 e)
            rows.append({
                "ma_tthc": p.code, "ten_tthc": p.name, "ma_linh_vuc": p.field,
                "ten_linh_vuc": FIELD_NAME[p.field], "cap_thuc_hien": p.cap,
                "ma_co_quan": departments[p.agency] if p.cap == "TINH" else "",
                "muc_do_dvc": str(muc_do), "lien_thong": p.lien_thong, "mot_cua": p.mot_cua,
                "thoi_han_ngay": "" if days is None else str(days), "trang_thai": status,
                "ngay_hieu_luc": "" if p.intro is None and p.code[-1] in "05" else
                (p.intro or _long_ago(p.code)).isoformat(),
            })
        return rows


def _long_ago(procedure_code: str) -> dt.date:
    n = int(procedure_code.split(".")[1])
    return dt.date(2016, 1, 1) + dt.timedelta(days=(n * 37) % 1300)


PROCEDURE_COLUMNS = ["ma_tthc", "ten_tthc", "ma_linh_vuc", "ten_linh_vuc", "cap_thuc_hien", "ma_co_quan",
                     "muc_do_dvc", "lien_thong", "mot_cua", "thoi_han_ngay", "trang_thai", "ngay_hieu_luc"]
DECISION_COLUMNS = ["so_quyet_dinh", "ngay_ban_hanh", "ma_tthc", "loai"]
LEVEL_LETTER = {"TINH": "T", "HUYEN": "H", "XA": "X"}
# decision numbers the seed report already uses for other decisions
_RESERVED_NUMBERS = {(2020, 91), (2020, 207), (2020, 341), (2020, 522), (2020, 1002), (2020, 1015),
                     (2019, 3746), (2019, 3747), (2019, 3748), (2019, 3765), (2019, 3766)}


def _working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    from .calendar import is_working_day
    out, d = [], first
    while d <= last:
        if is_working_day(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def build_catalogue(rng: random.Random) -> Catalogue:
    codes = iter(f"{rng.choice((1, 1, 2))}.{n:06d}" for n in rng.sample(range(300, 5000), 2600))
    used_names: set[str] = set()
    procs: list[Procedure] = []

    def gen_name(field: str, cap: str) -> str:
        objects = next(f for f in FIELDS if f[0] == field)[5]
        for _ in range(200):
            name = f"{rng.choice(VERBS)} {rng.choice(objects)}{rng.choice(QUALIFIERS)}"
            if cap != "TINH":
                name = name.replace(" thuộc thẩm quyền cấp tỉnh", "")
            if name not in used_names:
                used_names.add(name)
                return name
        raise RuntimeError(f"out of names for {field}")

    def agency_for(field: str, cap: str) -> str | None:
        spec = next(f for f in FIELDS if f[0] == field)
        return spec[3] if cap == "TINH" else spec[4] if cap == "HUYEN" else None

    def fields_at(cap: str) -> list[str]:
        letter = LEVEL_LETTER[cap]
        return [f[0] for f in FIELDS if letter in f[2] and (cap != "TINH" or f[3]) and (cap != "HUYEN" or f[4])]

    # 1. the in-force set of 10/06/2020: popular procedures, then generated ones up to the seed's counts
    final: list[Procedure] = []
    for cap, field, name, days, weight, muc_do, lien_thong, payment in POPULAR:
        used_names.add(name)
        final.append(Procedure(next(codes), name, field, cap, agency_for(field, cap), muc_do, lien_thong, "Y",
                               days, None, weight=weight, payment=payment, in_pool=True, popular=True))
    for cap, total in IN_FORCE_BY_LEVEL.items():
        have = sum(1 for p in final if p.cap == cap)
        choices = fields_at(cap)
        for _ in range(total - have):
            field = rng.choice(choices)
            days = None if rng.random() < 0.03 else rng.choice(TIME_CHOICES)
            final.append(Procedure(next(codes), gen_name(field, cap), field, cap, agency_for(field, cap), 0,
                                   "KHONG", "Y", days, None))
    generated = [p for p in final if not p.popular]

    # online level: popular ones fixed, the rest drawn to reach exactly 193 × 4, 571 × 3, rest 2
    need = {lvl: n - sum(1 for p in final if p.popular and p.muc_do == lvl) for lvl, n in ONLINE_LEVEL_COUNTS.items()}
    order = rng.sample(generated, len(generated))
    for p in order[:need[4]]:
        p.muc_do = 4
    for p in order[need[4]:need[4] + need[3]]:
        p.muc_do = 3
    for p in order[need[4] + need[3]:]:
        p.muc_do = 2
    # liên thông: NHOM are the three commune bundles; CUNG_CAP / GIUA_CAC_CAP topped up among the rest
    for kind in ("CUNG_CAP", "GIUA_CAC_CAP", "NHOM"):
        missing = LIEN_THONG_COUNTS[kind] - sum(1 for p in final if p.lien_thong == kind)
        assert missing >= 0, kind
        candidates = [p for p in generated if p.lien_thong == "KHONG" and p.cap != "XA"]
        for p in rng.sample(candidates, missing):
            p.lien_thong = kind
    for p in rng.sample([p for p in generated if p.cap == "TINH"], ONE_STOP_EXCEPTIONS):
        p.mot_cua = "N"

    # 2. roles of the generated procedures in the decisions
    pool_order = rng.sample(generated, len(generated))
    take = iter(pool_order)
    new_in_period = [next(take) for _ in range(PERIOD_PUBLISHED["MOI"])]
    amended_in_period = [next(take) for _ in range(PERIOD_PUBLISHED["SUA_DOI"])]
    new_before = [next(take) for _ in range(24)]
    amended_before = [next(take) for _ in range(4)]
    abolished_after = [next(take) for _ in range(9)]
    amended_after = [next(take) for _ in range(3)]
    stable = list(take)

    def extra(n: int, caps=(("TINH", 0.75), ("HUYEN", 0.15), ("XA", 0.10))) -> list[Procedure]:
        out = []
        for _ in range(n):
            cap = rng.choices([c for c, _ in caps], weights=[w for _, w in caps])[0]
            field = rng.choice(fields_at(cap))
            out.append(Procedure(next(codes), gen_name(field, cap), field, cap, agency_for(field, cap),
                                 rng.choice((1, 2, 2, 2, 3)), "KHONG", "Y", rng.choice(TIME_CHOICES), None))
        return out

    abolished_in_period = extra(PERIOD_PUBLISHED["BAI_BO"])
    abolished_before = extra(18)
    new_after = extra(14)
    abolished_long_ago = extra(40)

    # 3. decisions
    decisions: list[Decision] = []
    numbers_used: set[tuple[int, int]] = set()

    def number(day: dt.date) -> str:
        base = int(day.timetuple().tm_yday * 9.4)
        n = base + rng.randint(1, 9)
        while (day.year, n) in numbers_used or (day.year, n) in _RESERVED_NUMBERS:
            n += 1
        numbers_used.add((day.year, n))
        return f"{n}/QĐ-UBND"

    def make_decisions(days: list[dt.date], rows: list[tuple[Procedure, str]]) -> None:
        batch = [Decision(number(d), d, []) for d in days]
        for i, (p, loai) in enumerate(rows):
            decision = batch[i] if i < len(batch) else batch[rng.randrange(len(batch))]
            decision.rows.append((p.code, loai))
        for decision, d in zip(batch, days):
            for code_, loai in decision.rows:
                p = by_code[code_]
                if loai == "MOI":
                    p.intro = d
                elif loai == "BAI_BO":
                    p.abolished = d
                else:
                    p.amended = d
                    p.amended_days = max(1, (p.days or 10) - rng.choice((1, 2, 3)))
        decisions.extend(batch)

    all_procs = final + abolished_in_period + abolished_before + new_after + abolished_long_ago
    by_code = {p.code: p for p in all_procs}
    # in the period: 32 decisions on working days 16/12/2019 … 05/06/2020 (all before the 10/06 snapshot)
    period_days = _working_days(dt.date(2019, 12, 16), dt.date(2020, 6, 5))
    chosen = sorted(rng.sample(period_days[1:-1], PERIOD_DECISIONS - 2) + [period_days[0], period_days[-1]])
    period_rows = ([(p, "MOI") for p in new_in_period] + [(p, "SUA_DOI") for p in amended_in_period]
                   + [(p, "BAI_BO") for p in abolished_in_period])
    rng.shuffle(period_rows)
    make_decisions(chosen, period_rows)
    # before the period (the last one on Friday 13/12/2019, just outside) and after it (from Monday 15/06/2020)
    before_rows = ([(p, "MOI") for p in new_before] + [(p, "SUA_DOI") for p in amended_before]
                   + [(p, "BAI_BO") for p in abolished_before])
    rng.shuffle(before_rows)
    make_decisions([D(2019, 10, 8), D(2019, 10, 25), D(2019, 11, 12), D(2019, 11, 28), D(2019, 12, 13)],
                   before_rows)
    after_rows = ([(p, "MOI") for p in new_after] + [(p, "SUA_DOI") for p in amended_after]
                  + [(p, "BAI_BO") for p in abolished_after])
    rng.shuffle(after_rows)
    make_decisions([D(2020, 6, 15), D(2020, 6, 26), D(2020, 7, 8)], after_rows)
    for p in abolished_long_ago:
        p.abolished = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(600))
        p.intro = None
    decisions.sort(key=lambda d: (d.day, int(d.number.split("/")[0])))

    # 4. the dossier pool: popular procedures plus the stable long tail, one-stop only
    tail = {cap: [p for p in stable if p.cap == cap and p.mot_cua == "Y"] for cap in IN_FORCE_BY_LEVEL}
    for p in final:
        if p.popular:
            p.weight = LEVEL_SHARE[p.cap] * (1 - TAIL_SHARE) * p.weight / sum(
                q.weight for q in final if q.popular and q.cap == p.cap)
    for cap, items in tail.items():
        for p in items:
            p.in_pool = True
            p.weight = LEVEL_SHARE[cap] * TAIL_SHARE / len(items)
    procedures = sorted(all_procs, key=lambda p: p.code)
    _check(procedures, decisions)
    return Catalogue(procedures, decisions)


def _check(procedures: list[Procedure], decisions: list[Decision]) -> None:
    """The seed's figures, recomputed the way COUNTING_RULES.md counts them."""
    snap = CATALOGUE_SNAPSHOTS[-2]
    assert snap <= PERIOD_TO < CATALOGUE_SNAPSHOTS[-1]
    live = [p for p in procedures if (p.intro is None or p.intro <= snap)
            and not (p.abolished is not None and p.abolished <= snap)]
    for cap, n in IN_FORCE_BY_LEVEL.items():
        assert sum(1 for p in live if p.cap == cap) == n, cap
    for lvl, n in ONLINE_LEVEL_COUNTS.items():
        assert sum(1 for p in live if p.muc_do == lvl) == n, lvl
    assert all(p.muc_do >= 2 for p in live)
    for kind, n in LIEN_THONG_COUNTS.items():
        assert sum(1 for p in live if p.lien_thong == kind) == n, kind
    in_period = [d for d in decisions if PERIOD_FROM <= d.day <= PERIOD_TO]
    assert len(in_period) == PERIOD_DECISIONS
    for loai, n in PERIOD_PUBLISHED.items():
        assert sum(1 for d in in_period for _, l in d.rows if l == loai) == n, loai
