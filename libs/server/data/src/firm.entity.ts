import { EMPLOYEE_BANDS, EmployeeBand } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { ProgrammeEntity } from './programme.entity';

@Entity('firm')
@Index('uq_firm_companies_house_number', ['programmeId', 'companiesHouseNumber'], {
  unique: true,
  where: '"companies_house_number" IS NOT NULL',
})
@Index('ix_firm_programme_name', ['programmeId', 'name'])
@Check('ck_firm_sic_code', `"sic_code" ~ '^[0-9]{5}$'`)
@Check('ck_firm_local_authority_code', `"local_authority_code" ~ '^(E0[6-9]|W06|S12|N09)[0-9]{6}$'`)
@Check('ck_firm_companies_house_number', `"companies_house_number" ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'`)
@Check('ck_firm_employee_band', `"employee_band" IN (${inList(EMPLOYEE_BANDS)})`)
export class FirmEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_firm_programme' })
  programme?: ProgrammeEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'companies_house_number', type: 'varchar', length: 8, nullable: true })
  companiesHouseNumber: string | null;

  @Column({ name: 'sic_code', type: 'varchar', length: 5 })
  sicCode: string;

  @Column({ name: 'employee_band', type: 'varchar', length: 10 })
  employeeBand: EmployeeBand;

  @Column({ name: 'local_authority_code', type: 'varchar', length: 9 })
  localAuthorityCode: string;

  @Column({ type: 'varchar', length: 8 })
  postcode: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
